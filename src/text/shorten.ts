/**
 * A long value shortened in the middle, so that both ends stay readable: a path keeps its file
 * name, a reason its last words. `width` counts characters.
 */
export function shortenMiddle(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width <= 1) return '…'.slice(0, width);
  const tail = Math.ceil((width - 1) / 2);
  return text.slice(0, width - 1 - tail) + '…' + text.slice(text.length - tail);
}

/** A path shortened in the middle, its file name whole whenever it fits. */
export function shortenPath(path: string, width: number): string {
  if (path.length <= width) return path;
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name.length + 2 >= width) return shortenMiddle(name, width);
  return path.slice(0, width - name.length - 2) + '…/' + name;
}
