/**
 * Snapshots of the registry and exchange state (issue 5 §5): the state as a JSON image
 * (journal/image.ts) with codecs for the three classes it holds — balances, the serial block
 * book and each instrument's order book (handles and queues kept exactly, so the book goes on
 * as if it had never stopped). Plain data, Maps and Sets need nothing: a field added to the
 * state is in the image without a change here, and a new class makes `stateImage` throw.
 */
import { type ImageCodec, type Json, fromImage, toImage } from '../journal/image.js';
import { Balances } from '../ledger/balances.js';
import { type Block, BlockBook } from '../ledger/blocks.js';
import { Book, type BookImage } from './book.js';

const BALANCES: ImageCodec<Balances> = {
  name: 'Balances',
  is: (v): v is Balances => v instanceof Balances,
  toImage: (b) => [...b.all()],
  fromImage: (j) => Balances.fromAll(j as [string, string, number][]),
};

const BLOCK_BOOK: ImageCodec<BlockBook> = {
  name: 'BlockBook',
  is: (v): v is BlockBook => v instanceof BlockBook,
  toImage: (b, encode) => ({ byProject: encode(b.byProject), nextSerial: encode(b.nextSerial) }),
  fromImage: (j, decode) => {
    const o = j as { byProject: Json; nextSerial: Json };
    return BlockBook.restore(decode(o.byProject) as Map<string, Map<number, Block>>, decode(o.nextSerial) as Map<string, number>);
  },
};

const BOOK: ImageCodec<Book<unknown>> = {
  name: 'Book',
  is: (v): v is Book<unknown> => v instanceof Book,
  toImage: (b, encode) => b.toImage(encode) as unknown as Json,
  fromImage: (j, decode) => Book.fromImage(j as unknown as BookImage<Json>, decode),
};

export const STATE_CODECS: readonly ImageCodec<any>[] = [BALANCES, BLOCK_BOOK, BOOK];

/** The image of a registry, exchange (or compliance) state. */
export function stateImage(state: object): Json {
  return toImage(state, STATE_CODECS);
}

/** The state an image was made of. */
export function stateFromImage<S>(image: Json): S {
  return fromImage(image, STATE_CODECS) as S;
}
