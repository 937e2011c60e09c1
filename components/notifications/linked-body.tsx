import Link from "next/link";

// A message body is plain text; the measure pages it lists (a unit's 催办 names
// each owed measure as "/measures/12") become links, and nothing else does, so a
// sender's 附言 can never smuggle in a link elsewhere.
const MEASURE_PATH = /(\/measures\/\d{1,10})(?!\w)/g;

export function LinkedBody({ text }: { text: string }) {
  const parts = text.split(MEASURE_PATH);
  return (
    <p className="mt-1 whitespace-pre-line text-sm text-slate-700">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <Link key={i} href={part} className="text-brand-700 underline">
            查看举措
          </Link>
        ) : (
          part
        ),
      )}
    </p>
  );
}
