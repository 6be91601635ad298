using System.Security.Cryptography;
using System.Text;
using HelpdeskBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace HelpdeskBot.Requests;

/// <summary>
/// The token an intake card's Submit carries, issued by the bot for one person and one catalog item: a random nonce
/// and an HMAC of (person, item, nonce). A submit is only taken with a token this bot issued for that presser and
/// item, so no client can choose its own (say, one that looks like another source's idempotency key).
/// </summary>
public sealed class CardTokens(IServiceScopeFactory scopes)
{
    private const int NonceBytes = 12;
    private const int MacBytes = 16;

    private readonly SemaphoreSlim _lock = new(1, 1);
    private byte[]? _key;

    public async Task<string> IssueAsync(string userId, string itemId, CancellationToken cancellationToken)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(NonceBytes));
        return $"{nonce}.{Mac(await KeyAsync(cancellationToken), userId, itemId, nonce)}";
    }

    /// <summary>True when this bot issued <paramref name="token"/> for this person and item.</summary>
    public async Task<bool> IsIssuedAsync(string? token, string userId, string itemId, CancellationToken cancellationToken)
    {
        if (token?.Split('.') is not [{ Length: NonceBytes * 2 } nonce, { Length: MacBytes * 2 } mac])
        {
            return false;
        }

        var expected = Mac(await KeyAsync(cancellationToken), userId, itemId, nonce);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(mac));
    }

    private static string Mac(byte[] key, string userId, string itemId, string nonce) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{userId}\n{itemId}\n{nonce}"))[..MacBytes]);

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is { } key)
        {
            return key;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            return _key ??= await LoadOrCreateAsync(cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    // The first instance to need the key makes it; one that loses that race reads the winner's.
    private async Task<byte[]> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpdeskDbContext>();
        var secrets = db.Set<CardTokenSecret>();
        if (await secrets.AsNoTracking().SingleOrDefaultAsync(s => s.Id == CardTokenSecret.CurrentId, cancellationToken) is { } stored)
        {
            return stored.Key;
        }

        secrets.Add(new CardTokenSecret(CardTokenSecret.CurrentId, RandomNumberGenerator.GetBytes(32)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }

        return (await secrets.AsNoTracking().SingleAsync(s => s.Id == CardTokenSecret.CurrentId, cancellationToken)).Key;
    }
}
