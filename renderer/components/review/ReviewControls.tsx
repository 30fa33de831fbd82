import { useEffect, useState } from 'react';
import { useDecision, useReview } from '../../stores/review';

/** Approve, flag (with a comment) or clear the review of one cell. Keys in the matrix: A approve, F flag, U clear; Enter comes here, Esc goes back. */
export function ReviewControls({ target, node }: { target: string; node: string }) {
  const decision = useDecision(target, node);
  const setDecision = useReview((s) => s.setDecision);
  const [comment, setComment] = useState(decision?.comment ?? '');
  useEffect(() => setComment(decision?.comment ?? ''), [decision?.comment, target, node]);
  return (
    <div className="review-controls" role="group" aria-label="Review this cell" data-testid="review-controls">
      <button className={decision?.status === 'approved' ? 'approve on' : 'approve'} aria-pressed={decision?.status === 'approved'} onClick={() => setDecision(target, node, 'approved', comment || undefined)} data-testid="approve">
        ✓ Approve
      </button>
      <input
        id="review-comment"
        aria-label="Comment"
        placeholder="Comment (why it is flagged)"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && comment.trim()) setDecision(target, node, 'flagged', comment.trim());
          // Back to the matrix, on the same cell (the comment is kept: leaving saves it as on blur).
          if (e.key === 'Escape') {
            e.preventDefault();
            document.getElementById('review-matrix')?.focus({ preventScroll: true });
          }
        }}
        onBlur={() => decision?.status === 'flagged' && comment.trim() !== (decision.comment ?? '') && setDecision(target, node, 'flagged', comment.trim() || undefined)}
        data-testid="review-comment"
      />
      <button className={decision?.status === 'flagged' ? 'flag on' : 'flag'} aria-pressed={decision?.status === 'flagged'} onClick={() => setDecision(target, node, 'flagged', comment.trim() || undefined)} data-testid="flag">
        ⚑ Flag
      </button>
      {decision && (
        <button onClick={() => setDecision(target, node, undefined)} aria-label="Clear review" data-testid="clear-review">
          Clear
        </button>
      )}
    </div>
  );
}
