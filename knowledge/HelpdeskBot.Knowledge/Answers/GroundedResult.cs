namespace HelpdeskBot.Knowledge.Answers;

/// <summary>What the chat model made of the retrieved sections.</summary>
public enum GroundedVerdict
{
    /// <summary>An answer that cites retrieved sections: <see cref="GroundedResult.Answer"/>.</summary>
    Answered,

    /// <summary>
    /// The model read the sections and said they do not answer the question (<see cref="GroundedAnswerPrompt.NoAnswer"/>):
    /// the best article is probably about something else, so the caller declines rather than show it.
    /// </summary>
    NotInSources,

    /// <summary>No usable answer (an error, a timeout, a reply that cites nothing retrieved): the caller shows the extractive one.</summary>
    Unavailable,
}

public sealed record GroundedResult(GroundedVerdict Verdict, GroundedAnswer? Answer = null)
{
    public static GroundedResult Unavailable { get; } = new(GroundedVerdict.Unavailable);

    public static GroundedResult NotInSources { get; } = new(GroundedVerdict.NotInSources);
}
