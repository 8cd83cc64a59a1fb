import { Form, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Button } from "~/components/ui/button";

type Item = { key: string; name: string; preview: string; progress: number; state: "uploading" | "done" | "error"; message?: string };

const ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif,.jpg,.jpeg,.png,.webp";

/**
 * Photo upload: each chosen file is sent on its own with a progress bar and a preview, so one
 * failure does not lose the others (or the note being written). Without JavaScript the same
 * form posts all chosen files at once. `action` is where to post them (the current page by default).
 */
export function UploadPanel({ remaining, maxMb, errors, action }: { remaining: number; maxMb: number; errors?: string[]; action?: string }) {
  const [items, setItems] = useState<Item[]>([]);
  const revalidator = useRevalidator();
  const inputRef = useRef<HTMLInputElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  useEffect(() => () => items.forEach((i) => URL.revokeObjectURL(i.preview)), [items]);

  const update = (key: string, patch: Partial<Item>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i)));

  const upload = (file: File, key: string) =>
    new Promise<void>((resolve) => {
      const body = new FormData();
      body.set("intent", "upload");
      body.append("photos", file);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", action ?? window.location.pathname);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = (e) => e.lengthComputable && update(key, { progress: Math.round((e.loaded / e.total) * 100) });
      xhr.onload = () => {
        let message = "The upload failed.";
        try {
          const result = JSON.parse(xhr.responseText) as { errors?: string[] };
          message = result.errors?.[0] ?? message;
        } catch {
          /* not JSON: keep the generic message */
        }
        if (xhr.status >= 200 && xhr.status < 300) update(key, { state: "done", progress: 100 });
        else update(key, { state: "error", message });
        resolve();
      };
      xhr.onerror = () => {
        update(key, { state: "error", message: "The connection dropped. Try this photo again." });
        resolve();
      };
      xhr.send(body);
    });

  const onFiles = async (files: FileList | null) => {
    if (!files?.length) return;
    const chosen = [...files].map((file, i) => ({ file, key: `${Date.now()}-${i}-${file.name}` }));
    setItems((list) => [
      ...list,
      ...chosen.map(({ file, key }) => ({ key, name: file.name, preview: URL.createObjectURL(file), progress: 0, state: "uploading" as const })),
    ]);
    if (inputRef.current) inputRef.current.value = "";
    // One at a time: the server processes photos one by one anyway, and a phone's connection is shared.
    for (const { file, key } of chosen) await upload(file, key);
    revalidator.revalidate();
  };

  return (
    <Form method="post" action={action} encType="multipart/form-data" className="space-y-3" onSubmit={(e) => enhanced && e.preventDefault()}>
      <input type="hidden" name="intent" value="upload" />
      <label htmlFor="photos" className="block font-medium text-stone-900">
        Add photos
      </label>
      <p id="photos-help" className="text-sm text-stone-600">
        JPEG, PNG, WebP or HEIC (from a phone), up to {maxMb} MB each. You can add {remaining} more. Photos are re-saved without their metadata (including
        location).
      </p>
      <input
        ref={inputRef}
        id="photos"
        name="photos"
        type="file"
        multiple
        accept={ACCEPT}
        disabled={remaining === 0}
        aria-describedby="photos-help"
        onChange={(e) => enhanced && void onFiles(e.currentTarget.files)}
        className="block w-full text-sm file:mr-3 file:min-h-11 file:rounded-md file:border-0 file:bg-brand-700 file:px-4 file:py-2 file:font-medium file:text-white"
      />
      {!enhanced ? <Button type="submit">Upload photos</Button> : null}
      {errors?.length ? (
        <ul role="alert" className="space-y-1 text-sm font-medium text-rose-700">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      {items.length ? (
        <ul className="space-y-2" aria-label="Uploads">
          {items.map((i) => (
            <li key={i.key} className="flex items-center gap-3 rounded-md border border-stone-200 bg-white p-2">
              <img src={i.preview} alt="" className="h-12 w-12 rounded object-cover" />
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium">{i.name}</p>
                {i.state === "error" ? (
                  <p className="text-sm text-rose-700">{i.message}</p>
                ) : (
                  <div
                    role="progressbar"
                    aria-label={`Uploading ${i.name}`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={i.progress}
                    className="mt-1 h-2 w-full overflow-hidden rounded-full bg-stone-200"
                  >
                    <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${i.progress}%` }} />
                  </div>
                )}
              </div>
              <span className="text-sm text-stone-600" aria-live="polite">
                {i.state === "done" ? "Added" : i.state === "error" ? "Not added" : `${i.progress}%`}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </Form>
  );
}
