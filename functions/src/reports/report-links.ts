/** Where a published version can be read: what `POST /v1/reports` answers and sinks link to. */
export interface ReportLinks {
  /** `GET`: every version of the period. */
  versions: string;
  /** `GET`: the frozen JSON of this version. */
  json: string;
  /** `GET`: the printable Italian page of this version. */
  html: string;
  /** Present when the network publishes open data: the latest version, without a token. */
  openData?: { csv: string; json: string };
}

/** Paths relative to the API's base URL. */
export function reportLinks(
  network: string,
  period: string,
  version: number,
  openData: boolean,
): ReportLinks {
  const base = `/v1/reports/${encodeURIComponent(period)}`;
  const open = `/open/${encodeURIComponent(network)}/${encodeURIComponent(period)}`;
  return {
    versions: base,
    json: `${base}/versions/${version}`,
    html: `${base}/versions/${version}.html`,
    ...(openData ? { openData: { csv: `${open}.csv`, json: `${open}.json` } } : {}),
  };
}
