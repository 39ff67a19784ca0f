// Every form action and request handler in src/routes, read from the source with the TypeScript
// compiler (not run), so that a test can cover new routes without being told about them. An
// `actions` object is followed through shorthand keys, spreads and imports; anything it cannot
// follow is an error, never a silent gap.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type Method = (typeof METHODS)[number];

export interface RouteFile {
	/** Relative to the repository, e.g. `src/routes/groups/[slug]/+page.server.ts`. */
	file: string;
	/** SvelteKit's route id, e.g. `/groups/[slug]`. */
	routeId: string;
	kind: 'actions' | 'handlers';
	/** Action names (`default` included), or the HTTP methods the file exports. */
	names: string[];
}

const root = resolve(import.meta.dirname, '../..');
const routesDir = join(root, 'src/routes');

function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]
	);
}

const sources = new Map<string, ts.SourceFile>();
function source(file: string): ts.SourceFile {
	let parsed = sources.get(file);
	if (!parsed) {
		parsed = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
		sources.set(file, parsed);
	}
	return parsed;
}

const isExported = (node: ts.Node) =>
	ts.canHaveModifiers(node) &&
	(ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Names a module exports (`export const`, `export function`, `export { a as b }`). */
function exportedNames(file: string): Map<string, ts.Node> {
	const names = new Map<string, ts.Node>();
	for (const statement of source(file).statements) {
		if (ts.isVariableStatement(statement) && isExported(statement)) {
			for (const d of statement.declarationList.declarations) names.set(d.name.getText(), d);
		} else if (ts.isFunctionDeclaration(statement) && isExported(statement) && statement.name) {
			names.set(statement.name.text, statement);
		} else if (ts.isExportDeclaration(statement) && statement.exportClause) {
			if (!ts.isNamedExports(statement.exportClause)) continue;
			for (const e of statement.exportClause.elements) names.set(e.name.text, e);
		}
	}
	return names;
}

function importedFile(from: string, specifier: string): string {
	const base = resolve(dirname(from), specifier);
	const found = [base, `${base}.ts`, join(base, 'index.ts')].find(
		(candidate) => existsSync(candidate) && candidate.endsWith('.ts')
	);
	if (!found) throw new Error(`${relative(root, from)}: cannot follow import of ${specifier}`);
	return found;
}

/** The expression a name stands for in `file`: a local declaration, or one it imports. */
function resolveName(file: string, name: string): { file: string; node: ts.Expression } {
	for (const statement of source(file).statements) {
		if (ts.isVariableStatement(statement)) {
			for (const d of statement.declarationList.declarations) {
				if (d.name.getText() === name && d.initializer) return { file, node: d.initializer };
			}
		}
		if (!ts.isImportDeclaration(statement) || !statement.importClause?.namedBindings) continue;
		const bindings = statement.importClause.namedBindings;
		if (!ts.isNamedImports(bindings)) continue;
		const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
		for (const element of bindings.elements) {
			if (element.name.text !== name || !specifier.startsWith('.')) continue;
			const target = importedFile(file, specifier);
			return resolveName(target, (element.propertyName ?? element.name).text);
		}
	}
	throw new Error(`${relative(root, file)}: cannot find what ${name} is`);
}

/** The keys of an actions object, following `satisfies`, `as`, names, imports and spreads. */
function objectKeys(file: string, node: ts.Expression): string[] {
	if (
		ts.isSatisfiesExpression(node) ||
		ts.isAsExpression(node) ||
		ts.isParenthesizedExpression(node)
	)
		return objectKeys(file, node.expression);
	if (ts.isIdentifier(node)) {
		const found = resolveName(file, node.text);
		return objectKeys(found.file, found.node);
	}
	if (!ts.isObjectLiteralExpression(node))
		throw new Error(`${relative(root, file)}: actions are not an object literal`);
	return node.properties.flatMap((p) => {
		if (ts.isSpreadAssignment(p)) return objectKeys(file, p.expression);
		if (!p.name || ts.isComputedPropertyName(p.name))
			throw new Error(`${relative(root, file)}: an action name is computed`);
		return [p.name.getText().replace(/^['"]|['"]$/g, '')];
	});
}

function actionNames(file: string): string[] | null {
	const declaration = exportedNames(file).get('actions');
	if (!declaration) return null;
	if (ts.isVariableDeclaration(declaration) && declaration.initializer)
		return objectKeys(file, declaration.initializer);
	if (ts.isExportSpecifier(declaration)) {
		const local = (declaration.propertyName ?? declaration.name).text;
		const found = resolveName(file, local);
		return objectKeys(found.file, found.node);
	}
	throw new Error(`${relative(root, file)}: cannot read its actions`);
}

const routeIdOf = (file: string) =>
	`/${relative(routesDir, dirname(file)).split(/[\\/]/).join('/')}`.replace(/\/$/, '') || '/';

/** Every route file with form actions or request handlers, sorted by file. */
export function routeInventory(): RouteFile[] {
	const out: RouteFile[] = [];
	for (const path of walk(routesDir).sort()) {
		const name = path.split(/[\\/]/).pop();
		const file = relative(root, path).split(/[\\/]/).join('/');
		if (name === '+page.server.ts') {
			const names = actionNames(path);
			if (names) out.push({ file, routeId: routeIdOf(path), kind: 'actions', names });
		} else if (name === '+server.ts') {
			const exported = [...exportedNames(path).keys()];
			const names = METHODS.filter((m) => exported.includes(m));
			out.push({ file, routeId: routeIdOf(path), kind: 'handlers', names });
		}
	}
	return out;
}

/** Every page (a folder with +page.svelte), by route id. */
export function pageRoutes(): string[] {
	return walk(routesDir)
		.filter((path) => path.endsWith('+page.svelte'))
		.map(routeIdOf)
		.sort();
}

/** The query parameters the app reads anywhere (`searchParams.get('x')`), for GET fuzzing. */
export function queryParameterNames(): string[] {
	const names = new Set<string>();
	for (const dir of ['src/routes', 'src/lib/server']) {
		for (const path of walk(join(root, dir))) {
			if (!path.endsWith('.ts') || path.endsWith('.test.ts')) continue;
			const text = readFileSync(path, 'utf8');
			for (const m of text.matchAll(/(?:searchParams|params|q)\.(?:get|has)\('([a-z_]+)'\)/g))
				names.add(m[1]!);
		}
	}
	return [...names].sort();
}
