import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, UnexpectedError } from 'n8n-workflow';

import type { PackageTypes } from './package-types';

/**
 * n8n's credentials helper without a database: `getDecrypted` returns the data a test gave for
 * the credential type (with the type's defaults filled in, as n8n does), and `authenticate`
 * applies the credential type's own `authenticate`: a function is called, a generic one has its
 * `={{$credentials.x}}` headers/qs/body/auth resolved through n8n's expression engine.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly byType = new Map<string, ICredentialDataDecryptedObject>();

	private readonly byId = new Map<string, ICredentialDataDecryptedObject>();

	constructor(private readonly types: PackageTypes) {
		super();
	}

	/** Sets the data returned for `type` (or, with `id`, only for nodes that reference that credential id). */
	set(type: string, data: ICredentialDataDecryptedObject, id?: string) {
		if (!this.types.recognizes(type)) {
			throw new UnexpectedError(
				`Unknown credential type "${type}": known are ${this.types.credentialTypeNames().join(', ')}`,
			);
		}
		if (id === undefined) this.byType.set(type, { ...data });
		else this.byId.set(`${type}:${id}`, { ...data });
	}

	/** The stored data merged with the type's defaults, as a node would receive it. */
	withDefaults(type: string, data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
		const properties = this.getCredentialsProperties(type).filter(
			(property) => property.type !== 'notice',
		);
		return (NodeHelpers.getNodeParameters(
			properties,
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) ?? {}) as ICredentialDataDecryptedObject;
	}

	getParentTypes(name: string): string[] {
		return this.types.getParentTypes(name);
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data =
			(nodeCredentials?.id ? this.byId.get(`${type}:${nodeCredentials.id}`) : undefined) ??
			this.byType.get(type);
		if (!data) {
			throw new UnexpectedError(
				`The test gave no data for credential type "${type}"; call harness.setCredentials("${type}", {...}) first`,
			);
		}
		return this.withDefaults(type, data);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const options = requestOptions as IHttpRequestOptions;
		const { authenticate } = this.types.credentialType(typeName);
		if (authenticate === undefined) return options;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);

		if (authenticate.type === 'generic') {
			const target = options as unknown as Record<string, Record<string, unknown> | undefined>;
			for (const [section, entries] of Object.entries(authenticate.properties)) {
				const resolved = (target[section] ??= {});
				for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
					const name = this.resolve(key, credentials, workflow, node);
					resolved[name] = this.resolve(value, credentials, workflow, node);
				}
			}
		}
		return options;
	}

	/** Mirrors n8n: only credential types with an expirable hidden property pre-authenticate. */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types.credentialType(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		return (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		throw new UnexpectedError(`The harness keeps no encrypted credentials (asked for "${type}")`);
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.set(type, data, nodeCredentials.id ?? undefined);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.set(type, data, nodeCredentials.id ?? undefined);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const own = this.types.credentialType(type);
		const inherited = (own.extends ?? []).flatMap((parent) =>
			this.getCredentialsProperties(parent),
		);
		return [...inherited, ...own.properties];
	}

	private resolve(
		value: unknown,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (typeof value !== 'string' || !value.startsWith('=')) return value as string;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? String(resolved) : '';
	}
}
