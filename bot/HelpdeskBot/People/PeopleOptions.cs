using System.ComponentModel.DataAnnotations;

namespace HelpdeskBot.People;

/// <summary>The people directory's settings (section <c>People</c>).</summary>
public sealed class PeopleOptions
{
    public const string SectionName = "People";

    /// <summary>Record who sends each activity (Teams id, Entra object id, name).</summary>
    public bool RecordFromActivities { get; set; } = true;

    /// <summary>
    /// A CSV imported at every start in local development only (no MicrosoftAppId): the terminal and Playground users
    /// with managers, so approvals can be tried. Empty: none.
    /// </summary>
    public string? DevelopmentImportPath { get; set; }

    /// <summary>The largest CSV accepted by <c>POST /api/people/import</c> and <c>people import</c>.</summary>
    [Range(1_024, 256 * 1024 * 1024)]
    public int MaxImportBytes { get; set; } = 8 * 1024 * 1024;
}
