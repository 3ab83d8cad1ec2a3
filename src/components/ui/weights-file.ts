// "Download weights" and "Load weights": the trained model as a JSON file and back, so a
// teacher can train once at home and show the same model in class (offline). The worker
// checks the file; a wrong one gets a plain message and the current model stays.
import { saveBlob } from "../export/download.js";
import { exportWeights, importWeights, type TrainingClient } from "../pages/live.js";
import type { Settings } from "../pages/spec.js";
import type { TrainingSpec } from "../pages/training-spec.js";
import type { WeightsFile } from "../worker/training-protocol.js";

/**
 * `spec`: the page's; a file from another page or model kind is refused, naming its page.
 * `setSettings`: puts the page's controls to a loaded file's settings, so they match its model.
 */
export function weightsControls(
  client: TrainingClient,
  spec: TrainingSpec,
  setSettings?: (settings: Settings) => void,
  doc: Document = document,
): HTMLElement {
  const pageName = spec.page;
  const root = doc.createElement("div");
  root.className = "glimpse-weights";
  const download = doc.createElement("button");
  download.type = "button";
  download.textContent = "Download weights";
  download.title = "Save the model shown now as a JSON file";
  const id = `weights-${Math.random().toString(36).slice(2, 8)}`;
  const label = doc.createElement("label");
  label.htmlFor = id;
  label.textContent = "Load weights";
  const input = doc.createElement("input");
  input.type = "file";
  input.id = id;
  input.accept = ".json,application/json";
  const message = doc.createElement("p");
  message.className = "glimpse-weights-message";
  message.setAttribute("role", "status");
  root.append(download, label, input, message);

  download.addEventListener("click", async () => {
    download.disabled = true;
    try {
      const file: WeightsFile = { ...(await exportWeights(client)), page: pageName };
      saveBlob(new Blob([JSON.stringify(file)], { type: "application/json" }), `glimpse-${pageName}-weights.json`);
      message.textContent = "";
    } catch (e) {
      message.textContent = `Could not save the weights: ${(e as Error).message}`;
    } finally {
      download.disabled = false;
    }
  });
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    if (!file) return;
    message.textContent = "Loading…";
    try {
      if (file.size > 20_000_000) throw new Error("The file is too large to be a Glimpse weights file.");
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch {
        throw new Error("This file is not JSON, so it is not a Glimpse weights file.");
      }
      const weights = parsed as WeightsFile;
      if (weights?.page && weights.page !== pageName) {
        throw new Error(`These are the weights of the ${weights.page} page's model; load them on that page.`);
      }
      // Throws for another page's model kind; otherwise the controls to show with it.
      const settings = weights?.config ? spec.settingsOf(weights.config) : undefined;
      await importWeights(client, weights, `“${file.name}”`);
      if (settings) setSettings?.(settings);
      message.textContent = `Loaded “${file.name}”.`;
    } catch (e) {
      message.textContent = `Could not load “${file.name}”: ${(e as Error).message}`;
    } finally {
      input.value = "";
    }
  });
  return root;
}
