import type { OfficialDocument } from "@/lib/documents/official-docx.ts";

/** An OfficialDocument (the .docx's content) laid out for screen and print, in the public report's styles. */
export function OfficialDocumentView({ document }: { document: OfficialDocument }) {
  return (
    <article aria-labelledby="official-title" className="official-doc mx-auto max-w-3xl bg-white p-6 print:p-0">
      <h2 id="official-title" className="text-center text-2xl font-bold">
        {document.title}
      </h2>
      {document.subtitle && <p className="doc-subheading mb-4 text-center">{document.subtitle}</p>}
      {document.blocks.map((block, i) => {
        switch (block.kind) {
          case "heading1":
            return (
              <h3 key={i} className="doc-heading mt-4 font-normal">
                {block.text}
              </h3>
            );
          case "heading2":
            return (
              <h4 key={i} className="doc-subheading mt-3 font-normal">
                {block.text}
              </h4>
            );
          case "paragraph":
            return block.text
              .split("\n")
              .filter((line) => line.trim())
              .map((line, j) => (
                <p key={`${i}-${j}`} className={j === 0 && line.endsWith(":") ? "" : "doc-paragraph"}>
                  {line}
                </p>
              ));
          case "table":
            return (
              <table key={i} className="my-3 w-full border-collapse text-sm">
                <thead>
                  <tr>
                    {block.header.map((h) => (
                      <th key={h} scope="col" className="whitespace-nowrap border border-black px-2 py-1 font-normal">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {block.rows.map((row, r) => (
                    <tr key={r} className="break-inside-avoid">
                      {block.header.map((_, c) => (
                        <td
                          key={c}
                          className={`border border-black px-2 py-1 ${typeof row[c] === "number" ? "whitespace-nowrap text-center" : ""} ${c === 1 && row.length > 3 ? "min-w-[6em]" : ""}`}
                        >
                          {row[c]}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            );
        }
      })}
    </article>
  );
}
