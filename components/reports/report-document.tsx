import Link from "next/link";
import { numberSections } from "@/lib/annual-reports/draft.ts";

type Section = { id: number; level: number; heading: string; body: string; measureIds: number[] };

/**
 * The report laid out like the printed document: centred title, 一、 headings,
 * (一) sub-headings, indented paragraphs. The 依据举措 links are screen-only.
 */
export function ReportDocument({
  title,
  subtitle,
  sections,
  measures,
}: {
  title: string;
  subtitle?: string;
  sections: Section[];
  /** Code of each measure a paragraph links to, for those the reader may open. */
  measures: Map<number, string>;
}) {
  return (
    <article
      className="official-doc mx-auto max-w-3xl rounded border border-slate-200 bg-white px-10 py-8 print:border-0 print:px-0"
      aria-label={title}
    >
      <h2 className="doc-title mb-2 text-center text-2xl font-bold">{title}</h2>
      {subtitle && <p className="doc-subheading mb-6 text-center">{subtitle}</p>}
      {numberSections(sections).map((s) => {
        const Heading = s.level <= 1 ? "h3" : "h4";
        const linked = s.measureIds.filter((id) => measures.has(id));
        return (
          <section key={s.id} aria-label={s.preamble ? "导语" : `${s.number}${s.heading}`} className="mb-3">
            {!s.preamble && (
              <Heading
                className={s.level <= 1 ? "doc-heading mt-4 font-normal" : "doc-subheading mt-2 font-normal"}
                style={{ textIndent: "2em" }}
              >
                {s.number}
                {s.heading}
              </Heading>
            )}
            {s.body
              .split(/\n/)
              .filter((line) => line.trim())
              .map((line, index) => (
                <p key={index} className="doc-paragraph">
                  {line}
                </p>
              ))}
            {linked.length > 0 && (
              <p className="no-print mt-1 text-sm text-slate-600" style={{ fontFamily: "system-ui, sans-serif" }}>
                依据举措:
                {linked.map((id, index) => (
                  <span key={id}>
                    {index > 0 && "、"}
                    <Link href={`/measures/${id}`} className="text-brand-700 underline">
                      {measures.get(id)}
                    </Link>
                  </span>
                ))}
              </p>
            )}
          </section>
        );
      })}
    </article>
  );
}
