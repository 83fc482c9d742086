import { LazyPackageDirectoryLoader } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';

/**
 * The node and credential types of one or more community packages, loaded the way n8n loads an
 * installed package: n8n-core's `LazyPackageDirectoryLoader` on the package root (it reads the
 * `n8n` block of package.json and requires the listed files from `dist/`). Node types are named
 * `<package name>.<node name>`, e.g. `n8n-nodes-hr-signals.coresignalTrigger`.
 */
export class PackageTypes implements INodeTypes {
	private readonly loaders: LazyPackageDirectoryLoader[];

	/** Node types registered by the harness itself (e.g. the credential tester's temporary node). */
	private readonly extraNodeTypes = new Map<string, INodeType>();

	private constructor(loaders: LazyPackageDirectoryLoader[]) {
		this.loaders = loaders;
	}

	static async load(packageRoots: string[]): Promise<PackageTypes> {
		const loaders: LazyPackageDirectoryLoader[] = [];
		for (const root of packageRoots) {
			const loader = new LazyPackageDirectoryLoader(root);
			await loader.loadAll();
			loaders.push(loader);
		}
		return new PackageTypes(loaders);
	}

	get packageNames(): string[] {
		return this.loaders.map((loader) => loader.packageName);
	}

	/** Every node type name, package-qualified. */
	nodeTypeNames(): string[] {
		return this.loaders.flatMap((loader) =>
			Object.keys(loader.known.nodes).map((name) => `${loader.packageName}.${name}`),
		);
	}

	credentialTypeNames(): string[] {
		return this.loaders.flatMap((loader) => Object.keys(loader.known.credentials));
	}

	// INodeTypes

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const extra = this.extraNodeTypes.get(nodeType);
		if (extra) return extra;
		const [packageName, ...rest] = nodeType.split('.');
		const loader = this.loaders.find((candidate) => candidate.packageName === packageName);
		if (!loader) {
			throw new UnexpectedError(
				`Unknown node type "${nodeType}": loaded packages are ${this.packageNames.join(', ')}`,
			);
		}
		return loader.getNode(rest.join('.')).type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		const known: IDataObject = {};
		for (const loader of this.loaders) {
			for (const [name, details] of Object.entries(loader.known.nodes)) {
				known[`${loader.packageName}.${name}`] = { ...details };
			}
		}
		return known;
	}

	registerNodeType(name: string, type: INodeType) {
		this.extraNodeTypes.set(name, type);
	}

	unregisterNodeType(name: string) {
		this.extraNodeTypes.delete(name);
	}

	// Credential types

	recognizes(credentialType: string): boolean {
		return this.loaders.some((loader) => credentialType in loader.known.credentials);
	}

	credentialType(credentialType: string): ICredentialType {
		const loader = this.loaders.find((candidate) => credentialType in candidate.known.credentials);
		if (!loader) {
			throw new UnexpectedError(
				`Unknown credential type "${credentialType}": known are ${this.credentialTypeNames().join(', ')}`,
			);
		}
		return loader.getCredential(credentialType).type;
	}

	getSupportedNodes(credentialType: string): string[] {
		return this.loaders.flatMap((loader) =>
			(loader.nodesByCredential[credentialType] ?? []).map(
				(name) => `${loader.packageName}.${name}`,
			),
		);
	}

	getParentTypes(credentialType: string): string[] {
		const parents: string[] = [];
		for (const parent of this.credentialType(credentialType).extends ?? []) {
			parents.push(parent, ...(this.recognizes(parent) ? this.getParentTypes(parent) : []));
		}
		return parents;
	}
}
