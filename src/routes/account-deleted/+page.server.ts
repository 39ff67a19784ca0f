import { m } from '$lib/paraglide/messages.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ title: m.mydata_deleted_title() });
