import { m } from '../../paraglide/messages.js';
import { byline, headline, type Renderable } from '../../notifications/text.ts';
import type { Mail } from '../mail/outbox.ts';
import { readConfig } from '../platform/config.ts';
import type { DigestKind } from './schedule.ts';
import { headers, pageLink } from './unsubscribe.ts';

// Notification e-mail in the recipient's language: one message per notification for people
// who chose "at once", and a digest grouped by group for daily and weekly. Each item says who
// did what and carries the passage that matters (the sentence with the mention, a reply's
// first lines, a report's summary), so the mail can be read without opening Erfa. Plain text
// first; the HTML part says the same. Every message ends with a one-click unsubscribe link and
// carries List-Unsubscribe headers so mail clients can offer their own button.

export type Locale = 'sv' | 'en';

export interface Recipient {
	userId: string;
	email: string;
	locale: Locale;
}

export interface Item extends Renderable {
	link: string;
	groupName: string | null;
}

/** The item's lines in the reader's language: who did what, the headline, the passage. */
function describe(item: Item, locale: Locale) {
	return {
		by: byline(item, locale),
		line: headline(item, locale),
		passage: item.params?.excerpt ?? null
	};
}

const quoted = (passage: string) => passage.replace(/^/gm, '> ');

const url = (path: string) => new URL(path, readConfig().origin).href;

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function footer(to: Recipient) {
	const locale = to.locale;
	const unsubscribe = pageLink(to.userId);
	const settings = url('/profile#notifications');
	return {
		text: [
			m.notifications_mail_settings({ url: settings }, { locale }),
			m.notifications_mail_unsubscribe({ url: unsubscribe }, { locale })
		],
		html: `<hr><p><small><a href="${escapeHtml(settings)}">${escapeHtml(
			m.nav_profile({}, { locale })
		)}</a> · <a href="${escapeHtml(unsubscribe)}">${escapeHtml(
			m.notifications_mail_unsubscribe_label({}, { locale })
		)}</a></small></p>`
	};
}

function finish(to: Recipient, subject: string, text: string[], html: string[]): Mail {
	const end = footer(to);
	return {
		to: to.email,
		subject,
		text: [...text, '– Erfa', ...end.text].join('\n\n'),
		html: [...html, '<p>– Erfa</p>', end.html].join('\n'),
		headers: headers(to.userId)
	};
}

export function instant(to: Recipient, item: Item): Mail {
	const locale = to.locale;
	const open = m.notifications_mail_open({}, { locale });
	const link = url(item.link);
	const where = item.groupName ? m.notifications_group({ name: item.groupName }, { locale }) : null;
	const { by, line, passage } = describe(item, locale);
	const subject = (by ? `${by}: ${line}` : line).slice(0, 150);
	return finish(
		to,
		m.notifications_mail_instant_subject({ title: subject }, { locale }),
		[
			by ?? m.notifications_mail_instant_intro({}, { locale }),
			[line, where].filter(Boolean).join('\n'),
			...(passage ? [quoted(passage)] : []),
			`${open}: ${link}`
		],
		[
			`<p>${escapeHtml(by ?? m.notifications_mail_instant_intro({}, { locale }))}</p>`,
			`<p><strong>${escapeHtml(line)}</strong>${where ? `<br>${escapeHtml(where)}` : ''}</p>`,
			...(passage ? [`<blockquote>${escapeHtml(passage)}</blockquote>`] : []),
			`<p><a href="${escapeHtml(link)}">${escapeHtml(open)}</a></p>`
		]
	);
}

/** Groups by group name (alphabetically), notifications without a group last. */
function byGroup(items: Item[], locale: Locale): [string, Item[]][] {
	const groups = new Map<string | null, Item[]>();
	for (const item of items)
		groups.set(item.groupName, [...(groups.get(item.groupName) ?? []), item]);
	const named = [...groups.keys()]
		.filter((k): k is string => k !== null)
		.sort((a, b) => a.localeCompare(b, locale));
	const out: [string, Item[]][] = named.map((k) => [k, groups.get(k)!]);
	if (groups.has(null)) out.push([m.notifications_mail_other({}, { locale }), groups.get(null)!]);
	return out;
}

function digestText(item: Item, locale: Locale): string {
	const { by, line, passage } = describe(item, locale);
	const lines = [`- ${by ? `${by}: ` : ''}${line}`];
	if (passage) lines.push(`  > ${passage}`);
	lines.push(`  ${url(item.link)}`);
	return lines.join('\n');
}

function digestHtml(item: Item, locale: Locale): string {
	const { by, line, passage } = describe(item, locale);
	const lead = by ? `${escapeHtml(by)}: ` : '';
	const quote = passage ? `<br><q>${escapeHtml(passage)}</q>` : '';
	return `<li>${lead}<a href="${escapeHtml(url(item.link))}">${escapeHtml(line)}</a>${quote}</li>`;
}

export function digest(to: Recipient, kind: DigestKind, items: Item[]): Mail {
	const locale = to.locale;
	const subject =
		kind === 'daily'
			? m.notifications_mail_daily_subject({}, { locale })
			: m.notifications_mail_weekly_subject({}, { locale });
	const intro = m.notifications_mail_digest_intro({ count: items.length }, { locale });
	const sections = byGroup(items, locale);
	const all = url('/notifications');
	const allLabel = m.notifications_mail_all({}, { locale });
	return finish(
		to,
		subject,
		[
			intro,
			...sections.map(([name, list]) =>
				[name, ...list.map((i) => digestText(i, locale))].join('\n')
			),
			`${allLabel}: ${all}`
		],
		[
			`<p>${escapeHtml(intro)}</p>`,
			...sections.map(
				([name, list]) =>
					`<h2>${escapeHtml(name)}</h2>\n<ul>${list.map((i) => digestHtml(i, locale)).join('')}</ul>`
			),
			`<p><a href="${escapeHtml(all)}">${escapeHtml(allLabel)}</a></p>`
		]
	);
}
