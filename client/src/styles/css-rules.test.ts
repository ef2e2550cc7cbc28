/**
 * The stylesheets' rules, checked on every CSS file under client/src:
 * - Colours are written only as variables in global.css (custom properties of a `:root` rule);
 *   anywhere else a hex colour, a colour function (rgb(), hsl(), hwb(), lab(), lch(), oklab(),
 *   oklch(), color()) or a named colour fails. `transparent`, `currentcolor` and `inherit` are not
 *   colours of their own and stay allowed.
 * - Spacing: in margin, padding, gap and inset/top/right/bottom/left, a length equal to one of the
 *   `--space-*` steps must be written as that variable. Other lengths (a hairline, a fine-tuned
 *   0.35rem) are allowed: the scale names the common steps, it does not forbid the rest.
 * - Radii: likewise, a border-radius equal to a `--radius*` variable must be that variable.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import colorNames from 'color-name';
import postcss, { type Declaration, type Root } from 'postcss';

const SRC = path.resolve(import.meta.dirname, '..');
const VARIABLES_FILE = path.join(SRC, 'styles', 'global.css');

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return cssFiles(p);
    return e.name.endsWith('.css') ? [p] : [];
  });
}

const FILES = cssFiles(SRC).sort();
const parsed = new Map<string, Root>(
  FILES.map((f) => [f, postcss.parse(readFileSync(f, 'utf8'), { from: f })]),
);

const NAMED = new Set(Object.keys(colorNames));
const COLOUR_FUNCTION = /\b(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/i;
const HEX = /#[0-9a-f]{3,8}\b/i;

/** The raw colours in a declaration's value (var() names and url() contents are not looked at). */
function rawColours(value: string): string[] {
  const bare = value.replace(/var\(\s*--[\w-]+/g, 'var(').replace(/url\([^)]*\)/g, '');
  const found: string[] = [];
  const hex = bare.match(new RegExp(HEX.source, 'gi'));
  if (hex) found.push(...hex);
  const fn = bare.match(new RegExp(COLOUR_FUNCTION.source, 'gi'));
  if (fn) found.push(...fn.map((f) => `${f}…)`));
  for (const word of bare.toLowerCase().match(/[a-z-]+/g) ?? []) if (NAMED.has(word)) found.push(word);
  return found;
}

/** The lengths in a value (numbers with a unit), var() contents left out. */
function lengths(value: string): string[] {
  const bare = value.replace(/var\([^)]*\)/g, ' ');
  return bare.match(/(?<![\w.#-])-?\d*\.?\d+(?:rem|em|px)\b/g) ?? [];
}

function where(decl: Declaration): string {
  const file = path.relative(SRC, decl.source?.input.file ?? '?');
  const rule = decl.parent && 'selector' in decl.parent ? decl.parent.selector : '?';
  return `${file}:${decl.source?.start?.line} ${rule} { ${decl.prop}: ${decl.value} }`;
}

function isRootVariable(decl: Declaration): boolean {
  const parent = decl.parent;
  return (
    decl.prop.startsWith('--') &&
    parent?.type === 'rule' &&
    (parent as { selector: string }).selector === ':root'
  );
}

/** The variables global.css defines whose name starts with `prefix`, by value: '0.5rem' → '--space-2'. */
function scale(prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  parsed.get(VARIABLES_FILE)?.walkDecls((d) => {
    if (isRootVariable(d) && d.prop.startsWith(prefix) && /^-?[\d.]+(rem|px)$/.test(d.value))
      out.set(d.value, d.prop);
  });
  return out;
}

const SPACING_PROP = /^(margin|padding|gap|row-gap|column-gap|inset|top|right|bottom|left)(-|$)/;
const RADIUS_PROP = /^border(-[a-z]+)*-radius$/;

describe('stylesheets', () => {
  it('are split per component and page, with one global file for the variables', () => {
    expect(FILES.length).to.be.above(10);
    expect(FILES).to.include(VARIABLES_FILE);
  });

  it('finds raw colours the way the rule means', () => {
    expect(rawColours('#fff')).to.deep.equal(['#fff']);
    expect(rawColours('0 1px 0 rgb(255 255 255 / 8%)')).to.have.length(1);
    expect(rawColours('1px solid white')).to.deep.equal(['white']);
    expect(rawColours('hsl(10 50% 50%)')).to.have.length(1);
    expect(rawColours('var(--red-ish)')).to.deep.equal([]);
    expect(rawColours('color-mix(in srgb, var(--surface) 85%, transparent)')).to.deep.equal([]);
    expect(rawColours('nowrap')).to.deep.equal([]);
  });

  it('write colours only as variables in global.css', () => {
    const offences: string[] = [];
    for (const [file, root] of parsed)
      root.walkDecls((d) => {
        if (file === VARIABLES_FILE && isRootVariable(d)) return;
        const raw = rawColours(d.value);
        if (raw.length) offences.push(`${where(d)}: ${raw.join(', ')}`);
      });
    expect(offences, 'raw colours outside the variables').to.deep.equal([]);
  });

  it('write a spacing or radius that has a variable as that variable', () => {
    const spacing = scale('--space-');
    const radii = scale('--radius');
    expect(spacing.size, '--space-* steps in global.css').to.be.above(3);
    expect(radii.size, '--radius* in global.css').to.be.above(1);
    const offences: string[] = [];
    for (const root of parsed.values())
      root.walkDecls((d) => {
        const table = SPACING_PROP.test(d.prop) ? spacing : RADIUS_PROP.test(d.prop) ? radii : null;
        if (!table) return;
        for (const len of lengths(d.value)) {
          const name = table.get(len.replace(/^-/, ''));
          if (name) offences.push(`${where(d)}: ${len} is var(${name})`);
        }
      });
    expect(offences, 'raw lengths that have a variable').to.deep.equal([]);
  });
});
