/**
 * The POLI-NET demo network (DESIGN §10): the eleven municipalities and a shared area taxonomy.
 * Patron days are plausible (the feast of the saint of each town's main church), not checked with
 * each municipality: the demo needs a local closing day that moves deadlines, not the register.
 */

export const DEMO_MUNICIPALITIES = [
  {
    istat: "037011",
    name: "Casalecchio di Reno",
    province: "BO",
    population: 36_900,
    patronDay: "11-11",
  },
  { istat: "028037", name: "Este", province: "PD", population: 16_300, patronDay: "09-23" },
  { istat: "036015", name: "Formigine", province: "MO", population: 34_700, patronDay: "08-24" },
  {
    istat: "015166",
    name: "Paderno Dugnano",
    province: "MI",
    population: 47_500,
    patronDay: "09-08",
  },
  { istat: "015175", name: "Pioltello", province: "MI", population: 37_000, patronDay: "11-30" },
  {
    istat: "028065",
    name: "Piove di Sacco",
    province: "PD",
    population: 20_200,
    patronDay: "11-11",
  },
  { istat: "015182", name: "Rho", province: "MI", population: 51_000, patronDay: "05-08" },
  { istat: "001219", name: "Rivoli", province: "TO", population: 46_800, patronDay: "09-29" },
  {
    istat: "034032",
    name: "Salsomaggiore Terme",
    province: "PR",
    population: 19_800,
    patronDay: "11-04",
  },
  { istat: "035040", name: "Scandiano", province: "RE", population: 25_800, patronDay: "03-19" },
  { istat: "036046", name: "Vignola", province: "MO", population: 25_700, patronDay: "07-28" },
] as const;

export const DEMO_AREAS: Record<string, string> = {
  anagrafe: "Anagrafe",
  "stato-civile": "Stato civile",
  elettorale: "Servizio elettorale",
  "servizi-educativi": "Servizi educativi e scolastici",
  tributi: "Tributi",
  "servizi-sociali": "Servizi sociali",
  edilizia: "Edilizia e urbanistica",
  "attivita-produttive": "Attività produttive e commercio",
};

/** When a procedure peaks: school enrolments in January, tax deadlines in June and December. */
export type Season = "flat" | "enrolment" | "tax";

export interface ProcedureTemplate {
  code: string;
  name: string;
  area: string;
  /** Cases a month per 40,000 inhabitants outside peaks. */
  volume: number;
  /** Typical share handled at the desk in a mature desk. */
  deskShare: number;
  season: Season;
}

export const PROCEDURE_TEMPLATES: ProcedureTemplate[] = [
  {
    code: "ANA-01",
    name: "Carta d'identità elettronica",
    area: "anagrafe",
    volume: 220,
    deskShare: 0.97,
    season: "flat",
  },
  {
    code: "ANA-02",
    name: "Cambio di residenza",
    area: "anagrafe",
    volume: 60,
    deskShare: 0.85,
    season: "flat",
  },
  {
    code: "ANA-03",
    name: "Certificati anagrafici",
    area: "anagrafe",
    volume: 300,
    deskShare: 0.9,
    season: "flat",
  },
  {
    code: "STC-01",
    name: "Pubblicazioni di matrimonio",
    area: "stato-civile",
    volume: 8,
    deskShare: 0.6,
    season: "flat",
  },
  {
    code: "STC-02",
    name: "Certificati ed estratti di stato civile",
    area: "stato-civile",
    volume: 90,
    deskShare: 0.8,
    season: "flat",
  },
  {
    code: "ELE-01",
    name: "Tessera elettorale",
    area: "elettorale",
    volume: 40,
    deskShare: 0.95,
    season: "flat",
  },
  {
    code: "EDU-01",
    name: "Iscrizione al nido d'infanzia",
    area: "servizi-educativi",
    volume: 12,
    deskShare: 0.7,
    season: "enrolment",
  },
  {
    code: "EDU-02",
    name: "Iscrizione alla refezione scolastica",
    area: "servizi-educativi",
    volume: 35,
    deskShare: 0.75,
    season: "enrolment",
  },
  {
    code: "EDU-03",
    name: "Iscrizione al trasporto scolastico",
    area: "servizi-educativi",
    volume: 18,
    deskShare: 0.7,
    season: "enrolment",
  },
  {
    code: "TRI-01",
    name: "TARI: dichiarazioni e variazioni",
    area: "tributi",
    volume: 70,
    deskShare: 0.6,
    season: "tax",
  },
  {
    code: "TRI-02",
    name: "IMU: informazioni e ravvedimenti",
    area: "tributi",
    volume: 50,
    deskShare: 0.5,
    season: "tax",
  },
  {
    code: "SOC-01",
    name: "Agevolazioni tariffarie (ISEE)",
    area: "servizi-sociali",
    volume: 45,
    deskShare: 0.4,
    season: "flat",
  },
  {
    code: "SOC-02",
    name: "Contrassegno di parcheggio per disabili",
    area: "servizi-sociali",
    volume: 10,
    deskShare: 0.8,
    season: "flat",
  },
  {
    code: "EDI-01",
    name: "Accesso agli atti edilizi",
    area: "edilizia",
    volume: 25,
    deskShare: 0.3,
    season: "flat",
  },
  {
    code: "COM-01",
    name: "Occupazione di suolo pubblico",
    area: "attivita-produttive",
    volume: 20,
    deskShare: 0.5,
    season: "flat",
  },
];
