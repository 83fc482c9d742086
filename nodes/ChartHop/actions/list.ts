import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readLimit } from '../../shared/operation';
import { chartHopList } from '../transport/api';

/** A Get Many: Return All / Limit as the user set them, listed through ChartHop's `next` cursor. */
export async function listItems(
	this: IExecuteFunctions,
	itemIndex: number,
	orgPath: string,
	qs: IDataObject,
): Promise<INodeExecutionData[]> {
	const results = await chartHopList.call(this, orgPath, qs, readLimit(this, itemIndex), itemIndex);
	return results.map((json) => ({ json }));
}
