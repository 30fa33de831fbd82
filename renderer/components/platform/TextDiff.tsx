import { diffWordsWithSpace } from 'diff';

/** The live text against the local one, word by word: removed words struck through, added ones marked. */
export function TextDiff({ local, live }: { local: string; live: string }) {
  const parts = diffWordsWithSpace(local, live);
  return (
    <>
      {parts.map((p, i) =>
        p.added ? (
          <ins key={i} className="diff-ins">
            {p.value}
          </ins>
        ) : p.removed ? (
          <del key={i} className="diff-del">
            {p.value}
          </del>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </>
  );
}
