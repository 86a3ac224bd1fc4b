"use client";
import { useState } from "react";

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }
  return (
    <span className="row">
      <button type="button" className="secondary" onClick={() => void copy()} aria-label={label}>Copy</button>
      <span role="status" className="hint">{state === "copied" ? "Copied." : state === "failed" ? "Copying is blocked here: select the text and copy it." : ""}</span>
    </span>
  );
}
