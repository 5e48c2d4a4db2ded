// Watching the articles folder for the dev server: one fs.watch per folder of it, instead of Eleventy's
// watcher (chokidar), which watches every file and, on any change in a folder, lists that folder again
// with a stat of each entry (at 10,000 articles in one folder, about 0.35 s of this thread on every edit),
// and holds each change back until the file's size has stayed the same for 150 ms. Here a change is told
// once the folder has been quiet for QUIET ms (LONGEST at most); a file still being written when it is
// read is read again at its next change.
import { readdirSync, statSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";

/** Milliseconds without an event in the articles folder before a change is told. */
const QUIET = 40;
/** Milliseconds at most between an event and its telling, however busy the folder (a long copy). */
const LONGEST = 250;

export interface FolderWatch {
  close(): void;
}

/** A folder or file watched, and which one it was (a folder replaced by another of the same name is watched again). */
interface Watched {
  watcher: FSWatcher;
  id: string;
}

/**
 * What a path is (a link: what it leads to), and whether a file; null when it is gone. A folder removed
 * and made again at once often gets the same inode number: its time of birth (or, where the file system
 * keeps none, of its last change) tells them apart.
 */
function identity(p: string): { id: string; file: boolean } | null {
  try {
    const st = statSync(p);
    return { id: `${st.dev}:${st.ino}:${st.birthtimeMs || st.ctimeMs}`, file: st.isFile() };
  } catch {
    return null;
  }
}

/**
 * Watch `root` and every folder under it (hidden ones left out, and links to folders, as the build leaves
 * them), the files linked to from them (the build reads a linked article) and the folder holding `root`
 * (for `root` itself removed and made again), telling `changed` the paths that changed once QUIET ms
 * pass with no other event. A folder made, replaced or removed is watched or dropped when it is told;
 * `failed` is told when a folder cannot be watched.
 */
export function watchFolders(root: string, changed: (paths: string[]) => void, failed: (folder: string, e: unknown) => void): FolderWatch {
  root = path.resolve(root);
  const watched = new Map<string, Watched>();
  let pending = new Set<string>();
  /** Whether an entry was made, renamed or removed since the last sync (a folder may have been). */
  let renamed = false;
  let timer: NodeJS.Timeout | undefined;
  let first = 0;
  let closed = false;
  /** What may need watching under `dir`: its folders, `dir` first, and the links among its entries. */
  const targets = (dir: string, out = { folders: [] as string[], links: [] as string[] }) => {
    out.folders.push(dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return out;
    }
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      if (e.isDirectory()) targets(path.join(dir, e.name), out);
      else if (e.isSymbolicLink()) out.links.push(path.join(dir, e.name));
    }
    return out;
  };
  const drop = (p: string) => {
    watched.get(p)?.watcher.close();
    watched.delete(p);
  };
  /** Watch what there is now; stop watching what is gone or was replaced. */
  const sync = () => {
    const now = new Map<string, { id: string; file: boolean }>();
    if (identity(root)?.file === false) {
      const { folders, links } = targets(root);
      for (const p of folders) {
        const it = identity(p);
        if (it) now.set(p, it);
      }
      // Linked files, which the build reads (a link to a folder it does not walk into).
      for (const p of links) {
        const it = identity(p);
        if (it?.file) now.set(p, it);
      }
    }
    for (const [p, w] of watched) if (now.get(p)?.id !== w.id) drop(p);
    for (const [p, { id, file }] of now) {
      if (watched.has(p)) continue;
      try {
        // A linked file's events are told as the link's, which is the path the build knows.
        const watcher = watch(p, (type, name) => (file ? event(path.dirname(p), path.basename(p), true) : event(p, name, type === "rename")));
        watcher.on("error", () => {
          // Gone: dropped now, watched again at the next sync if it is back.
          drop(p);
          event(p, null, true);
        });
        watched.set(p, { watcher, id });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") failed(p, e);
      }
    }
  };
  const event = (dir: string, name: string | Buffer | null, rename: boolean) => {
    if (closed) return;
    renamed ||= rename;
    const file = name === null ? dir : path.join(dir, String(name));
    if (path.basename(file).startsWith(".") && file !== root) return;
    pending.add(file);
    clearTimeout(timer);
    const now = Date.now();
    if (!first) first = now;
    timer = setTimeout(tell, Math.max(0, Math.min(QUIET, first + LONGEST - now)));
  };
  const tell = () => {
    if (closed) return;
    const paths = [...pending];
    pending = new Set();
    first = 0;
    if (renamed) {
      renamed = false;
      sync();
    }
    changed(paths);
  };
  // The folder holding the root, for the root's own removal and return (kept apart from what sync() compares).
  const parent = path.dirname(root);
  let above: FSWatcher | undefined;
  try {
    above = watch(parent, (_type, name) => {
      if (name !== null && String(name) === path.basename(root)) event(parent, name, true);
    });
    above.on("error", () => above?.close());
  } catch (e) {
    failed(parent, e);
  }
  sync();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      above?.close();
      for (const w of watched.values()) w.watcher.close();
      watched.clear();
    },
  };
}
