import { m } from '$lib/paraglide/messages.js';
import * as mydata from '$lib/server/mydata';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({
	title: m.privacy_title(),
	exportDays: mydata.exports.EXPORT_DAYS
});
