import { PROOF_VALUE, proofParamProblem } from '../../../shared/send/proof';
import { useSend } from '../../stores/send';

/**
 * The param a test send labels itself with (the platform has no test-send API): shown next to the
 * test-send button so the user sees it and can name the one their template maps.
 */
export function ProofParamField() {
  const name = useSend((s) => s.proofParam);
  const set = useSend((s) => s.setProofParam);
  const problem = proofParamProblem(name);
  return (
    <div className="small proof-param">
      <label>
        Labelled as a proof: <code>params.</code>
        <input value={name} onChange={(e) => set(e.target.value.trim())} aria-label="Proof param name" data-testid="proof-param" size={14} spellCheck={false} />
        <code> = "{PROOF_VALUE}"</code>
      </label>{' '}
      <span className="muted">
        (map it in the template, e.g. <code>{`{% if ${problem ? 'is_proof' : name} %}[PROOF] {% endif %}`}</code>; real sends never carry it)
      </span>
      {problem && (
        <div className="c-error" role="alert" data-testid="proof-param-problem">
          {problem}
        </div>
      )}
    </div>
  );
}
