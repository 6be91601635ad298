namespace HelpdeskBot.People;

/// <summary>The answer to <c>PUT /api/people</c>: <c>added</c>, <c>updated</c> or <c>unchanged</c>, and the person now.</summary>
public sealed record PersonSaved(string Outcome, PersonView Person);
