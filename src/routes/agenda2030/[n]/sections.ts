import { formatDateTime } from '$lib/components/admin/format';
import { kindLabel, statusLabel } from '$lib/documents/labels';
import { m } from '$lib/paraglide/messages.js';
import type { Filters, Linked, LinkType } from '$lib/server/agenda2030';

// The goal page's lists of linked items, one section per kind, in one shape: a title with its
// link and a few facts in words. Kept here so the page's markup stays a plain loop.

export interface Item {
	id: string;
	href: string;
	title: string;
	facts: string[];
}

export interface Section {
	type: LinkType;
	heading: string;
	items: Item[];
	total: number;
	/** Where to see all of them, beyond this page's newest few. */
	more: { href: string; label: string } | null;
}

export const typeLabel = (type: LinkType): string =>
	({
		group: m.agenda_type_group(),
		experience: m.agenda_type_experience(),
		document: m.agenda_type_document(),
		research: m.agenda_type_research()
	})[type];

/** The same, as a count: "3 grupper". */
export const countLabel = (type: LinkType, count: number): string =>
	({
		group: m.agenda_count_groups({ count }),
		experience: m.agenda_count_experiences({ count }),
		document: m.agenda_count_documents({ count }),
		research: m.agenda_count_research({ count })
	})[type];

const targetsFact = (targets: string[]) =>
	targets.length > 0 ? [m.agenda_targets_of({ targets: targets.join(', ') })] : [];

interface Context {
	goal: number;
	filters: Filters;
	/** Organization names by id. */
	name: (id: string | null) => string[];
}

const inGroup = (group: { name: string } | null) =>
	group ? [m.agenda_in_group({ group: group.name })] : [];

/** A query string of the given values, leaving out the empty ones. */
const query = (params: Record<string, string | undefined>) =>
	new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));

type Build<T> = (list: T, c: Context) => Pick<Section, 'items' | 'more'>;
type Lists = { [K in LinkType]: NonNullable<Linked[K]> };

const build: { [K in LinkType]: Build<Lists[K]> } = {
	group: (list, c) => ({
		items: list.items.map((g) => ({
			id: g.id,
			href: `/groups/${g.slug}`,
			title: g.name,
			facts: [g.visibility === 'open' ? m.agenda_group_open() : m.agenda_group_closed()]
		})),
		more: { href: `/groups?sdg=${c.goal}`, label: m.agenda_more_groups({ number: c.goal }) }
	}),
	experience: (list, c) => ({
		items: list.items.map((e) => ({
			id: e.id,
			href: e.group ? `/groups/${e.group.slug}/experiences/${e.id}` : '#',
			title: e.title,
			facts: [
				...inGroup(e.group),
				...c.name(e.organizationId),
				m.agenda_published({ date: formatDateTime(e.publishedAt) }),
				...targetsFact(e.targets)
			]
		})),
		more: null
	}),
	document: (list, c) => ({
		items: list.items.map((d) => ({
			id: d.id,
			href: `/docs/${d.id}`,
			title: d.title,
			facts: [
				kindLabel(d.kind),
				statusLabel(d.status),
				...inGroup(d.group),
				...c.name(d.organizationId)
			]
		})),
		more: {
			href: `/library?${query({ goal: String(c.goal), organization: c.filters.municipality })}`,
			label: m.agenda_more_documents({ number: c.goal })
		}
	}),
	research: (list, c) => ({
		items: list.items.map((r) => ({
			id: r.id,
			href: `/research/${r.id}`,
			title: r.title,
			facts: [
				...(r.year ? [String(r.year)] : []),
				...c.name(r.institutionId),
				...(r.visibility === 'members' ? [m.agenda_members_only()] : []),
				...targetsFact(r.targets)
			]
		})),
		more: {
			href: `/research?${query({ goal: String(c.goal), target: c.filters.target })}`,
			label: m.agenda_more_research({ number: c.goal })
		}
	})
};

function section<K extends LinkType>(type: K, list: Lists[K], c: Context): Section {
	return { type, heading: typeLabel(type), total: list.total, ...build[type](list, c) };
}

const order: LinkType[] = ['group', 'experience', 'document', 'research'];

/** The sections the filters leave in, in a fixed order. */
export function sections(
	goal: number,
	linked: Linked,
	filters: Filters,
	names: Record<string, string>
): Section[] {
	const c: Context = { goal, filters, name: (id) => (id && names[id] ? [names[id]] : []) };
	return order.flatMap((type) => {
		const list = linked[type];
		return list ? [section(type, list as Lists[typeof type], c)] : [];
	});
}
