import { chartHopVendor } from './charthop';
import { coresignalVendor } from './coresignal';
import { humanSourcingVendor } from './humansourcing';

/**
 * Every fake vendor the sandbox serves. To add one, write a `VendorFactory` (see core/vendor.ts:
 * name, prefix, register(router), reset(), state(), optional authenticate/rateLimits/registerControl)
 * and list it here; `startSandbox` mounts it and exposes it as `sandbox.<key>`.
 */
export const vendorFactories = {
	coresignal: coresignalVendor,
	charthop: chartHopVendor,
	humansourcing: humanSourcingVendor,
};

export type VendorName = keyof typeof vendorFactories;

export type VendorInstances = { [K in VendorName]: ReturnType<(typeof vendorFactories)[K]> };
