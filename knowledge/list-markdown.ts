import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { KnowledgeLogger } from './loader.js';

/**
 * Every `.md` path under a folder, recursively, sorted. Symbolic links are followed, to files and
 * to folders alike (a knowledge base folder may be assembled from links to other checkouts); a
 * link back to a folder that is already being read (a cycle) is skipped with a warning, and a
 * broken link to a `.md` is returned like any file, so that reading it reports it by name.
 */
export async function listMarkdown(dir: string, logger: KnowledgeLogger): Promise<string[]> {
  return (await listFolder(dir, dir, [await realpath(dir)], logger)).sort();
}

/** `ancestors`: the real paths of the folders from the root down to this one. */
async function listFolder(root: string, dir: string, ancestors: string[], logger: KnowledgeLogger): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry): Promise<string[]> => {
      const path = join(dir, entry.name);
      const isMarkdown = entry.name.toLowerCase().endsWith('.md');
      if (entry.isFile()) return isMarkdown ? [path] : [];
      if (entry.isDirectory()) return listFolder(root, path, [...ancestors, await realpath(path)], logger);
      if (!entry.isSymbolicLink()) return [];
      const target = await stat(path).catch(() => null);
      if (!target) return isMarkdown ? [path] : [];
      if (target.isFile()) return isMarkdown ? [path] : [];
      if (!target.isDirectory()) return [];
      const real = await realpath(path);
      if (ancestors.includes(real)) {
        logger.warn({ folder: relative(root, path).split(sep).join('/'), target: real }, 'folder skipped: the link leads back to a folder being read');
        return [];
      }
      return listFolder(root, path, [...ancestors, real], logger);
    }),
  );
  return nested.flat();
}
