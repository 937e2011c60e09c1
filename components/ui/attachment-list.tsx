/** A report's evidence files: each a download link with its size. Nothing when there are none. */
export function AttachmentList({
  files,
  className = "mt-1 text-sm",
}: {
  files: { id: number; fileName: string; size: number }[];
  className?: string;
}) {
  if (!files.length) return null;
  return (
    <ul className={className}>
      {files.map((file) => (
        <li key={file.id}>
          <a href={`/attachments/${file.id}`} className="text-brand-700 hover:underline">
            {file.fileName}
          </a>{" "}
          <span className="text-slate-500">({Math.ceil(file.size / 1024)} KB)</span>
        </li>
      ))}
    </ul>
  );
}
