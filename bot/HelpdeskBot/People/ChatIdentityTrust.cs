namespace HelpdeskBot.People;

/// <summary>How far an activity's word on who sent it (<c>from.id</c>, <c>from.aadObjectId</c>) can be taken.</summary>
public enum ChatIdentityTrust
{
    /// <summary>Not at all: an authenticated channel that does not vouch for the ids (Web Chat, Direct Line, another tenant). Nothing is recorded.</summary>
    None,

    /// <summary>
    /// Anonymous (local) mode: nothing is authenticated, so ids are bound the first time they are seen and an existing
    /// binding is never moved to another id.
    /// </summary>
    FirstSeen,

    /// <summary>An authenticated <c>msteams</c> activity from the tenant served: Teams sets both ids itself.</summary>
    Vouched,
}
