/**
 * firestore.indexes.json (the Firebase CLI's format) as gcloud commands. The project only exempts
 * fields read whole from indexing; `gcloud firestore indexes fields update` sets a field's
 * configuration to exactly what is given, so running it again changes nothing.
 */
import { FIRESTORE_DATABASE } from "./resources.js";
import type { Step } from "./steps.js";

interface FieldIndex {
  order?: "ASCENDING" | "DESCENDING";
  arrayConfig?: "CONTAINS";
  queryScope?: "COLLECTION" | "COLLECTION_GROUP";
}

export interface FirestoreIndexes {
  indexes?: unknown[];
  fieldOverrides?: {
    collectionGroup: string;
    fieldPath: string;
    indexes: FieldIndex[];
    ttl?: boolean;
  }[];
}

function indexFlag(index: FieldIndex, where: string): string {
  if ((index.queryScope ?? "COLLECTION") !== "COLLECTION") {
    throw new Error(`${where}: gcloud sets only collection-scoped field indexes.`);
  }
  if (index.order) return `--index=order=${index.order.toLowerCase()}`;
  if (index.arrayConfig) return `--index=array-config=${index.arrayConfig.toLowerCase()}`;
  throw new Error(`${where}: a field index needs "order" or "arrayConfig".`);
}

export function firestoreIndexSteps(project: string, indexes: FirestoreIndexes): Step[] {
  if ((indexes.indexes ?? []).length > 0) {
    // None exist today; creating one is not repeatable as is (gcloud answers ALREADY_EXISTS), so
    // it is refused here rather than half supported.
    throw new Error(
      "firestore.indexes.json declares composite indexes: the deploy script does not create them yet.",
    );
  }
  return (indexes.fieldOverrides ?? []).map((override) => {
    const where = `${override.collectionGroup}.${override.fieldPath}`;
    if (override.ttl) throw new Error(`${where}: TTL policies are not deployed by this script.`);
    const configuration =
      override.indexes.length === 0
        ? ["--disable-indexes"]
        : override.indexes.map((index) => indexFlag(index, where));
    return {
      kind: "run",
      why:
        override.indexes.length === 0
          ? `Firestore: do not index ${where} (read whole, never queried)`
          : `Firestore: index ${where} as firestore.indexes.json says`,
      command: [
        "gcloud",
        "firestore",
        "indexes",
        "fields",
        "update",
        override.fieldPath,
        `--collection-group=${override.collectionGroup}`,
        `--database=${FIRESTORE_DATABASE}`,
        ...configuration,
        `--project=${project}`,
      ],
    } satisfies Step;
  });
}
