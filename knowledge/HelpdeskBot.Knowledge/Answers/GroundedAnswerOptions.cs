using System.ComponentModel.DataAnnotations;

namespace HelpdeskBot.Knowledge.Answers;

/// <summary>How generated answers are composed: how much they read, how long they may take, how long they may be.</summary>
public sealed class GroundedAnswerOptions
{
    /// <summary>How long the model may take before the extractive answer is used instead.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How many retrieved sections (best first) the model reads.</summary>
    [Range(1, 5)]
    public int MaxSections { get; set; } = 3;

    /// <summary>Each section is cut to this many characters, so one long article cannot crowd out the others.</summary>
    [Range(200, 20_000)]
    public int MaxSourceCharacters { get; set; } = 2_000;

    /// <summary>A longer reply is cut (at a sentence end where possible): answers in chat are short.</summary>
    [Range(100, 10_000)]
    public int MaxAnswerCharacters { get; set; } = 1_200;

    /// <summary>
    /// When the model says the retrieved sections do not answer the question, decline (the "no answer" message and
    /// its next steps, recorded as a gap) rather than show the extractive answer. On by default.
    /// </summary>
    public bool ModelCanDecline { get; set; } = true;
}
