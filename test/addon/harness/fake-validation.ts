/** SpreadsheetApp.newDataValidation(): the rules the template puts on cells, kept as data. */
export interface FakeRule {
  criteria: "VALUE_IN_LIST" | "CUSTOM_FORMULA" | "DATE_IS_VALID_DATE";
  values: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

export class FakeValidationBuilder {
  private rule: FakeRule = {
    criteria: "CUSTOM_FORMULA",
    values: [],
    allowInvalid: true,
    helpText: "",
  };

  requireValueInList(values: string[], showDropdown = true) {
    this.rule = { ...this.rule, criteria: "VALUE_IN_LIST", values: [[...values], showDropdown] };
    return this;
  }

  requireFormulaSatisfied(formula: string) {
    this.rule = { ...this.rule, criteria: "CUSTOM_FORMULA", values: [formula] };
    return this;
  }

  requireDate() {
    this.rule = { ...this.rule, criteria: "DATE_IS_VALID_DATE", values: [] };
    return this;
  }

  setAllowInvalid(allow: boolean) {
    this.rule = { ...this.rule, allowInvalid: allow };
    return this;
  }

  setHelpText(text: string) {
    this.rule = { ...this.rule, helpText: text };
    return this;
  }

  build(): FakeRule {
    return { ...this.rule };
  }
}
