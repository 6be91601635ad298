namespace HelpdeskBot.Protocol.Cards;

/// <summary>Label/value pairs: a ticket's number, state, priority.</summary>
public sealed class FactSet : CardElement
{
    public FactSet() { }

    public FactSet(params (string Title, string Value)[] facts) =>
        Facts = [.. facts.Select(f => new Fact(f.Title, f.Value))];

    public List<Fact> Facts { get; set; } = [];
}

/// <summary>One row of a <see cref="FactSet"/>.</summary>
public sealed record Fact(string Title, string Value);
