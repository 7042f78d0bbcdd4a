import * as t from 'io-ts';

/**
 * Turns io-ts validation errors into the path of the field at fault, as a client would write it
 * (`input[2].call_id`). Keys that only index a union or intersection member are skipped; of
 * several union alternatives, the deepest path is the most specific one, so it wins.
 *
 * @example
 * formatOpenAIResponsesValidationPath(errors); // 'tools[0].name'
 */
export function formatOpenAIResponsesValidationPath(errors: t.Errors): string {
  let best = '';
  for (const error of errors) {
    const path = formatContext(error.context);
    if (path.length > best.length) best = path;
  }
  return best;
}

function formatContext(context: t.Context): string {
  let path = '';
  for (let index = 1; index < context.length; index++) {
    const parent = context[index - 1].type;
    const key = context[index].key;
    if (parent instanceof t.ArrayType) path += `[${key}]`;
    else if (parent instanceof t.InterfaceType || parent instanceof t.PartialType || parent instanceof t.DictionaryType) {
      path += path.length === 0 ? key : `.${key}`;
    }
  }
  return path;
}
