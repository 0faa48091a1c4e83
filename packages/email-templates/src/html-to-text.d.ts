/**
 * The part of html-to-text's API this package uses (html-to-text 10 ships JavaScript only; its options are documented
 * at https://github.com/html-to-text/node-html-to-text#options).
 */
declare module 'html-to-text' {
  /** One selector's rule: which elements, formatted how (`skip`, `block`, `dataTable` …), with which options. */
  export interface SelectorDefinition {
    selector: string;
    format?: string;
    options?: Record<string, unknown>;
  }
  /** Converter options (a subset). */
  export interface HtmlToTextOptions {
    wordwrap?: number | false | null;
    selectors?: SelectorDefinition[];
  }
  /** Compiles the options once into a converter from an HTML string to plain text. */
  export function compile(options?: HtmlToTextOptions): (html: string) => string;
  /** Compiles the options and converts `html` (compiles on every call). */
  export function convert(html: string, options?: HtmlToTextOptions): string;
}
