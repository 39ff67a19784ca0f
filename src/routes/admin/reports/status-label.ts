import { m } from '$lib/paraglide/messages.js';
import type { ReportStatus } from '$lib/server/admin';

const labels: Record<ReportStatus, () => string> = {
	new: () => m.admin_reports_status_new(),
	in_progress: () => m.admin_reports_status_in_progress(),
	resolved: () => m.admin_reports_status_resolved()
};

export function statusLabel(status: ReportStatus): string {
	return labels[status]();
}
