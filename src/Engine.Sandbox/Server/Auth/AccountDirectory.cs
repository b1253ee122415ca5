using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Ids;
using Engine.Stark.ApiKeys;
using Engine.Stark.Keys;

namespace Engine.Sandbox.Server;

/// <summary>What the server (not the matching core) knows of an onboarded account: its STARK key for order signatures and its funding.</summary>
internal sealed class OnboardedAccount
{
    public required string AccountId { get; init; }
    public required string UserId { get; init; }
    public required string EthereumAddress { get; init; }
    public required int AccountNumber { get; init; }
    public required long PositionId { get; init; }
    /// <summary>64 lower-case hex digits, no 0x, as v3 printed starkKey.</summary>
    public required string StarkKeyHex { get; init; }
    public required StarkPublicKey StarkKey { get; init; }
    public required decimal Collateral { get; init; }
    public required Timestamp CreatedAt { get; init; }

    public string DepositId => Uuid5.Create(V3AccountIds.Namespace, "sandbox-deposit:" + AccountId).ToString("D");

    public string DepositTransactionHash => "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sandbox-deposit:" + AccountId)));
}

internal sealed record ApiKeyEntry(ApiKeyCredentials Credentials, string EthereumAddress);

/// <summary>
/// API keys and accounts, readable from any thread (REST handlers authenticate and check STARK signatures without
/// touching the exchange thread). Accounts of one Ethereum address share its API keys; DYDX-ACCOUNT-NUMBER picks one.
/// </summary>
internal sealed class AccountDirectory
{
    private readonly ConcurrentDictionary<string, ApiKeyEntry> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OnboardedAccount> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Address, int Number), OnboardedAccount> _byAddress = new();
    private readonly ConcurrentDictionary<string, ApiKeyEntry> _firstKeyByAddress = new(StringComparer.Ordinal);
    private long _nextPositionId = 100_000;
    private long _nextAddress;

    public long NextPositionId() => Interlocked.Increment(ref _nextPositionId);

    /// <summary>A fresh address derived from a counter (stable across runs for the same onboarding order).</summary>
    public string NextAddress()
    {
        long n = Interlocked.Increment(ref _nextAddress);
        return "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"engine-sandbox-address-{n}")).AsSpan(0, 20));
    }

    public bool PositionIdTaken(long positionId) => _byId.Values.Any(a => a.PositionId == positionId);

    public bool TryGetKey(string apiKey, out ApiKeyEntry entry) => _keys.TryGetValue(apiKey, out entry!);

    public bool TryGetAccount(string accountId, out OnboardedAccount account) => _byId.TryGetValue(accountId, out account!);

    public bool TryGetAccount(string ethereumAddress, int accountNumber, out OnboardedAccount account) =>
        _byAddress.TryGetValue((ethereumAddress.ToLowerInvariant(), accountNumber), out account!);

    public IReadOnlyList<OnboardedAccount> AccountsOf(string ethereumAddress) =>
        _byId.Values.Where(a => string.Equals(a.EthereumAddress, ethereumAddress, StringComparison.OrdinalIgnoreCase))
            .OrderBy(a => a.AccountNumber).ToList();

    public IReadOnlyCollection<OnboardedAccount> Accounts => _byId.Values.ToList();

    public void Add(OnboardedAccount account)
    {
        _byId[account.AccountId] = account;
        _byAddress[(account.EthereumAddress.ToLowerInvariant(), account.AccountNumber)] = account;
    }

    /// <summary>The key to use for an address: the one given (registered if new), else its first key, else a generated one.</summary>
    public ApiKeyEntry KeyFor(string ethereumAddress, ApiKeyCredentials? requested)
    {
        string address = ethereumAddress.ToLowerInvariant();
        if (requested is not null)
        {
            var entry = new ApiKeyEntry(requested, address);
            _keys[requested.Key] = entry;
            _firstKeyByAddress.TryAdd(address, entry);
            return entry;
        }
        return _firstKeyByAddress.GetOrAdd(address, a =>
        {
            var entry = new ApiKeyEntry(GenerateKey(), a);
            _keys[entry.Credentials.Key] = entry;
            return entry;
        });
    }

    /// <summary>A v3-style key: UUID id, 40-character base64url secret, 20-character passphrase.</summary>
    public static ApiKeyCredentials GenerateKey() => new(
        Guid.NewGuid().ToString("D"),
        Base64Url(RandomNumberGenerator.GetBytes(30)),
        Base64Url(RandomNumberGenerator.GetBytes(15)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
