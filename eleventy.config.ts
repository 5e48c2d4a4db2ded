// Eleventy wiring only: template folders, Nunjucks, marked, passthrough of public/, plugins.
// The Archive arrives as global data from src/build/render.ts; no text processing happens here.
import type UserConfig from "@11ty/eleventy/UserConfig";
import rssPlugin from "@11ty/eleventy-plugin-rss";
import { NUNJUCKS_OPTIONS, onceGlobal } from "./src/render/index.ts";
import { lazyPackage } from "./src/lazy.ts";

/** marked, for Markdown templates an editor may add (loaded when one is rendered: src/lazy.ts). */
const lazyMarked = lazyPackage<typeof import("marked")>("marked");

export const config = {
  dir: {
    input: "templates",
    includes: "_includes",
    layouts: "_layouts",
    data: "_data",
  },
  templateFormats: ["njk"],
  htmlTemplateEngine: "njk",
  markdownTemplateEngine: "njk",
};

export default function (eleventyConfig: UserConfig): void {
  eleventyConfig.setNunjucksEnvironmentOptions(NUNJUCKS_OPTIONS);
  eleventyConfig.addNunjucksGlobal("once", onceGlobal());
  eleventyConfig.setLibrary("md", { render: (s: string) => lazyMarked().marked.parse(s, { async: false }) as string });
  // The article, event, actor, month and list pages are rendered by src/render, not by Eleventy.
  eleventyConfig.ignores.add("templates/pages/**");
  eleventyConfig.addPassthroughCopy({ public: "/" });
  // Self-hosted Arabic fonts from npm (@fontsource): nothing is fetched from another site.
  for (const [pkg, name] of [["noto-naskh-arabic", "noto-naskh-arabic"], ["ibm-plex-sans-arabic", "ibm-plex-sans-arabic"]]) {
    for (const weight of [400, 700]) {
      const file = `${name}-arabic-${weight}-normal.woff2`;
      eleventyConfig.addPassthroughCopy({ [`node_modules/@fontsource/${pkg}/files/${file}`]: `fonts/${file}` });
    }
  }
  // Atom feeds: the plugin's dateToRfc3339 filter (feeds are written by templates/**/feed.njk).
  eleventyConfig.addPlugin(rssPlugin);
  eleventyConfig.setQuietMode(true);
}
