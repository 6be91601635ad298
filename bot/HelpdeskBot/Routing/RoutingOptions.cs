using System.ComponentModel.DataAnnotations;

namespace HelpdeskBot.Routing;

/// <summary>Settings of message routing (section <c>Routing</c>).</summary>
public sealed class RoutingOptions
{
    public const string SectionName = "Routing";

    /// <summary>
    /// On: a message that no command or rule takes is compared by meaning with each intent's examples (the sentence
    /// model of the knowledge base's semantic stage). Off: the keyword rules alone route it, and search takes the rest.
    /// </summary>
    public bool UseModel { get; set; } = true;

    /// <summary>Below this similarity to every intent's examples a message is a question for the knowledge base.</summary>
    [Range(0.0, 1.0)]
    public double MinScore { get; set; } = 0.30;

    /// <summary>Two intents closer than this are both offered on a small card instead of a guess.</summary>
    [Range(0.0, 0.5)]
    public double Margin { get; set; } = 0.02;
}
