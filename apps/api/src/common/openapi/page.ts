import { applyDecorators, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';

const pages = new Map<Type<unknown>, Type<unknown>>();

/**
 * The schema class of a cursor page of `item`: `{ items: Item[], nextCursor: string | null }`, named after the item
 * (`AlertDto` → `AlertPage`), made once per item class so every page of the same item shares one schema.
 */
export function PageOf<T>(item: Type<T>): Type<{ items: T[]; nextCursor: string | null }> {
  let page = pages.get(item);
  if (!page) {
    const name = `${item.name.replace(/Dto$/, '')}Page`;
    const cls = { [name]: class {} }[name]!;
    ApiProperty({ type: [item], description: 'This page, in the order of the list' })(cls.prototype, 'items');
    ApiProperty({
      type: String,
      nullable: true,
      description: 'Pass as `cursor` for the next page; null on the last page',
    })(cls.prototype, 'nextCursor');
    pages.set(item, cls);
    page = cls;
  }
  return page as Type<{ items: T[]; nextCursor: string | null }>;
}

/**
 * Documents a 200 answer that is a cursor page of `item` (see {@link PageOf}): `@ApiPage(AlertDto)`. The operation's
 * `limit` and `cursor` query parameters come from its query DTO.
 */
export function ApiPage(item: Type<unknown>, description?: string): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiOkResponse({ type: PageOf(item), description: description ?? 'One page' }));
}
