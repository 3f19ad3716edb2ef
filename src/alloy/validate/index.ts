/**
 * The Alloy config validator: the checks of `alloy validate` (duplicates, labels, arguments of
 * catalogued components, references, cycles) plus bramble's own (dangling outputs, Helm `tpl`
 * safety), over configs parsed with `src/alloy/syntax` and the schemas of `src/alloy/catalog`.
 */
import { parse, type AlloyFile } from '../syntax';
import { ALLOY_DIAGNOSTIC_CODES as C, type AlloyDiagnostic } from './diagnostic';
import { helmTemplateFindingsInText } from './helm';
import { validateUnits, type ValidateOptions } from './validator';

export { ALLOY_DIAGNOSTIC_CODES, type AlloyDiagnostic, type AlloySeverity } from './diagnostic';
export { HELM_TEMPLATE_MESSAGE, helmTemplateFindingsInFile, helmTemplateFindingsInText, type HelmTemplateFinding } from './helm';
export { renderAlloyDiagnostic } from './render';
export { blockId, validateAlloy, validateAlloyFiles, type AlloyFileInput, type ValidateOptions } from './validator';

/** One source file of a multi-file config. */
export interface AlloySourceInput {
  readonly filename: string;
  readonly source: string;
}

/**
 * Parses and validates source files that form one config. When any file has a syntax error the
 * result is the syntax errors of all files (code `alloy-syntax`), as Alloy stops there too.
 * With `helmTemplated`, every `{{` in the text is reported first (code `alloy-helm-template`).
 */
export function validateAlloySources(sources: readonly AlloySourceInput[], options: Omit<ValidateOptions, 'filename'> = {}): AlloyDiagnostic[] {
  return validateSources(sources, options, true);
}

/**
 * Parses and validates one Alloy source text. Syntax errors become `alloy-syntax` diagnostics
 * (and stop validation, as in Alloy).
 */
export function validateAlloySource(text: string, options: ValidateOptions = {}): AlloyDiagnostic[] {
  const { filename, ...rest } = options;
  return validateSources([{ filename: filename ?? '', source: text }], rest, filename !== undefined);
}

function validateSources(sources: readonly AlloySourceInput[], options: Omit<ValidateOptions, 'filename'>, named: boolean): AlloyDiagnostic[] {
  const helm: AlloyDiagnostic[] = [];
  const syntax: AlloyDiagnostic[] = [];
  const units: { filename: string | undefined; file: AlloyFile }[] = [];
  for (const s of sources) {
    const filename = named ? s.filename : undefined;
    if (options.helmTemplated) {
      for (const f of helmTemplateFindingsInText(s.source)) {
        helm.push(withFile({ code: C.helmTemplate, severity: 'error', message: f.message, start: f.start, end: f.end }, filename));
      }
    }
    const { file, diagnostics } = parse(s.source);
    for (const d of diagnostics) {
      // Alloy reports syntax errors at a position, without a range.
      syntax.push(withFile({ code: C.syntax, severity: 'error', message: d.message, start: d.start }, filename));
    }
    if (file) units.push({ filename, file });
  }
  if (syntax.length > 0) return [...helm, ...syntax];
  return [...helm, ...validateUnits(units, named, false)];
}

function withFile(d: AlloyDiagnostic, filename: string | undefined): AlloyDiagnostic {
  return filename === undefined ? d : { ...d, filename };
}
