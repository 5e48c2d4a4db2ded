// Watching the articles folder for the dev server: one fs.watch per folder of it, instead of Eleventy's
// watcher (chokidar), which watches every file and, on any change in a folder, lists that folder again
// with a stat of each entry (at 10,000 articles in one folder, about 0.35 s of this thread on every edit,
// while the rebuild runs), and holds each change back until the file's size has stayed the same for
// 150 ms. Here a change is told once the folder has been quiet for QUIET ms; a file still being written
// when it is read is read again at its next change.
import { watch, readdirSync, type FSWatcher } from "node:fs";
import path from "node:path";

/** Milliseconds without an event in the articles folder before a change is told. */
const QUIET = 40;

export interface FolderWatch {
  close(): void;
}

/**
 * Watch `root` and every folder under it (hidden ones and symbolic links left out, as the build leaves
 * them), telling `changed` the paths that changed once QUIET ms pass with no other event. A folder made
 * or removed is watched or dropped when it is told; `failed` is told when a folder cannot be watched.
 */
export function watchFolders(root: string, changed: (paths: string[]) => void, failed: (folder: string, e: unknown) => void): FolderWatch {
  const watchers = new Map<string, FSWatcher>();
  let pending = new Set<string>();
  /** Whether an entry was made, renamed or removed since the last sync (a folder may have been). */
  let renamed = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  /** Folders under `dir`, `dir` first. */
  const folders = (dir: string, out: string[] = []): string[] => {
    out.push(dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return out;
    }
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith(".")) folders(path.join(dir, e.name), out);
    return out;
  };
  /** Watch the folders there are now; stop watching those gone. */
  const sync = () => {
    const now = new Set(folders(root));
    for (const [dir, w] of watchers) {
      if (!now.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const dir of now) {
      if (watchers.has(dir)) continue;
      try {
        const w = watch(dir, (type, name) => event(dir, name, type === "rename"));
        w.on("error", () => {
          // The folder went away: dropped at the next sync.
          w.close();
          watchers.delete(dir);
          event(dir, null, true);
        });
        watchers.set(dir, w);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") failed(dir, e);
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
    timer = setTimeout(tell, QUIET);
  };
  const tell = () => {
    if (closed) return;
    const paths = [...pending];
    pending = new Set();
    if (renamed) {
      renamed = false;
      sync();
    }
    changed(paths);
  };
  sync();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
