namespace HelpdeskBot.People;

/// <summary>
/// A person's manager as approvals need them: found, and reachable in Teams (seen by the bot, so a card can be sent),
/// or why not, in words to show the requester.
/// </summary>
public sealed record ManagerLookup(Person? Manager, string? Problem)
{
    /// <summary>True when the manager can be sent an approval card.</summary>
    public bool CanApprove => Problem is null;

    public static ManagerLookup For(Person person, Person? manager)
    {
        var who = person.Name.Length > 0 ? person.Name : person.Email ?? person.TeamsId ?? $"person {person.Id}";
        if (person.ManagerEmail is null)
        {
            return new(null, $"The directory has no manager for {who}.");
        }

        if (manager is null || manager.Id == person.Id)
        {
            return new(null, $"{who}'s manager {person.ManagerEmail} is not in the directory.");
        }

        return manager.TeamsId is null
            ? new(manager, $"{who}'s manager {manager.Name} ({manager.Email}) has not talked to the bot yet, so cannot be sent an approval card.")
            : new(manager, null);
    }
}
