using HelpdeskBot.People;
using HelpdeskBot.Protocol.Builder;
using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Requests;

/// <summary>
/// Notices when the sender may just have become reachable for an approval card, and only then (no query on an
/// ordinary turn) hands them to <see cref="WaitingApprovals"/>: the directory learnt their Teams id in this turn
/// (<see cref="PeopleMiddleware.FirstSeenInChat"/>: a first message, or the first activity of someone an import
/// described), or the app was just installed with them (an installationUpdate "add", or a conversationUpdate adding
/// the bot), which also covers someone the directory knew by Teams id whose card no chat took before.
/// </summary>
public sealed class WaitingApprovalsMiddleware(WaitingApprovals waiting) : IBotMiddleware
{
    public async Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        try
        {
            await next(cancellationToken); // the turn's own answer (a welcome) first; the cards follow in the background
        }
        finally
        {
            if (turnContext.Activity.From is { Id: { Length: > 0 and <= Person.MaxIdLength } teamsId, Role: not "bot" }
                && (turnContext.TurnState.ContainsKey(PeopleMiddleware.FirstSeenInChat) || IsInstall(turnContext.Activity)))
            {
                waiting.Enqueue(teamsId);
            }
        }
    }

    private static bool IsInstall(Activity activity) => activity.Type switch
    {
        ActivityTypes.InstallationUpdate => activity.Action?.StartsWith("add", StringComparison.OrdinalIgnoreCase) == true,
        ActivityTypes.ConversationUpdate => activity.MembersAdded?.Any(m => m.Id == activity.Recipient?.Id) == true,
        _ => false,
    };
}
