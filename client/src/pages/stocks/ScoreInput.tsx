import { useEffect, useState } from 'preact/hooks';

/** A 0-100 score bound: typed freely, applied on change (Enter or leaving the field). */
export function ScoreInput(props: {
  id: string;
  label: string;
  placeholder: string;
  value: number | null;
  onCommit: (value: number | null) => void;
}) {
  const shown = props.value === null ? '' : String(props.value);
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  return (
    <div class="field field-narrow">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        inputMode="decimal"
        min={0}
        max={100}
        step={1}
        placeholder={props.placeholder}
        value={text}
        onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
        onChange={(e) => {
          const raw = (e.currentTarget as HTMLInputElement).value.trim();
          const n = raw === '' ? null : Math.max(0, Math.min(100, Number(raw)));
          const next = n === null || Number.isNaN(n) ? null : n;
          if (next === props.value) setText(shown);
          else props.onCommit(next);
        }}
      />
    </div>
  );
}
