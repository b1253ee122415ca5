using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Accounts;
using Engine.Sandbox.Exchange.Errors;
using Engine.Sandbox.Exchange.Events;
using Engine.Sandbox.Exchange.Ids;
using Engine.Sandbox.Exchange.Markets;
using Engine.Sandbox.Exchange.Money;
using Engine.Sandbox.Exchange.Orders;

namespace Engine.Sandbox.Exchange;

/// <summary>
/// The matching and accounting core of the v3 sandbox exchange: pure, single-threaded, deterministic, no I/O.
/// Every call takes the exchange time; time never runs backwards (an earlier time counts as the latest one seen).
/// <list type="bullet">
/// <item>Orders: <see cref="PlaceOrder"/> validates synchronously (v3 400 errors) and returns the order PENDING;
/// <see cref="ProcessPending"/> runs the matcher over everything accepted since, in arrival order, producing
/// OPEN / FILLED / CANCELED (+ cancelReason). Cancels likewise return the order as it is and take effect there.</item>
/// <item>Background: the feed's book and trades of other participants (<c>ApplyBackground*</c>) share one price-time
/// book per market with the users' orders; <see cref="Feed.FeedDriver"/> drives them from recordings.</item>
/// <item>Outputs: queries for the REST layer and an ordered event stream (<see cref="DrainEvents"/>) for WebSockets.</item>
/// </list>
/// </summary>
public sealed partial class SandboxExchange
{
    private readonly SandboxOptions _options;
    private readonly IdGenerator _ids;
    private readonly EventCollector _events = new();
    private readonly Dictionary<string, SandboxMarket> _markets = new(StringComparer.Ordinal);
    private readonly List<SandboxMarket> _marketList = new();
    private readonly Dictionary<string, SandboxAccount> _accounts = new(StringComparer.Ordinal);
    private readonly List<SandboxAccount> _accountList = new();
    private readonly Queue<PendingCommand> _pending = new();
    private readonly PriorityQueue<SandboxOrder, (long ExpiresAt, long Sequence)> _expiries = new();
    private readonly List<PositionRecord> _touchedPositions = new();
    private long _orderSequence;
    private Timestamp _clock = new(long.MinValue);

    public SandboxExchange(SandboxOptions? options = null)
    {
        _options = options ?? new SandboxOptions();
        _ids = new IdGenerator(_options.Seed);
    }

    public SandboxOptions Options => _options;

    /// <summary>The latest time any call has passed in.</summary>
    public Timestamp Now => _clock;

    /// <summary>Accepted places and cancels waiting for <see cref="ProcessPending"/>.</summary>
    public int PendingCommands => _pending.Count;

    /// <summary>Lists markets. Throws <see cref="ArgumentException"/> for a duplicate or a config the sandbox cannot settle exactly.</summary>
    public IReadOnlyList<string> AddMarkets(IEnumerable<MarketConfig> configs, Timestamp now)
    {
        var time = Tick(now);
        var added = new List<string>();
        foreach (var config in configs)
        {
            AddMarket(config, time);
            added.Add(config.Market);
        }
        return added;
    }

    /// <summary>Lists the markets of a GET /v3/markets payload. Throws <see cref="FormatException"/> for a malformed one.</summary>
    public IReadOnlyList<string> LoadMarkets(ReadOnlySpan<byte> marketsJson, Timestamp now) => AddMarkets(MarketsPayload.Parse(marketsJson), now);

    public ExchangeResult<AccountView> CreateAccount(NewAccountRequest request, Timestamp now)
    {
        var time = Tick(now);
        if (!IsEthereumAddress(request.EthereumAddress)) return ErrorMessages.InvalidEthereumAddress(request.EthereumAddress);
        if (!IsStarkKey(request.StarkPublicKey)) return ErrorMessages.InvalidStarkKey(request.StarkPublicKey);
        if (request.StarkPublicKeyYCoordinate is { } y && !IsStarkKey(y)) return ErrorMessages.InvalidStarkKey(y);
        if (request.InitialCollateral < 0 || !Usd.IsOnGrid(request.InitialCollateral)) return ErrorMessages.InvalidAmount("initialCollateral", request.InitialCollateral);
        string id = V3AccountIds.AccountId(request.EthereumAddress, request.AccountNumber);
        if (_accounts.ContainsKey(id)) return ErrorMessages.AccountExists(request.EthereumAddress, request.AccountNumber);

        var account = new SandboxAccount
        {
            Id = id,
            UserId = V3AccountIds.UserId(request.EthereumAddress),
            AccountNumber = request.AccountNumber,
            EthereumAddress = request.EthereumAddress,
            StarkKey = request.StarkPublicKey,
            StarkKeyYCoordinate = request.StarkPublicKeyYCoordinate,
            PositionId = request.PositionId,
            CreatedAt = time,
            UpdatedAt = time,
            QuoteBalance = request.InitialCollateral,
            MakerFeeRate = request.MakerFeeRate ?? _options.DefaultMakerFeeRate,
            TakerFeeRate = request.TakerFeeRate ?? _options.DefaultTakerFeeRate,
        };
        _accounts.Add(id, account);
        _accountList.Add(account);
        return ToView(account);
    }

    /// <summary>Per-account fee override (v3 tiers by 30-day volume; the sandbox takes them as given).</summary>
    public ExchangeResult<AccountView> SetFeeRates(string accountId, decimal makerFeeRate, decimal takerFeeRate, Timestamp now)
    {
        var time = Tick(now);
        if (!_accounts.TryGetValue(accountId, out var account)) return ErrorMessages.AccountNotFound(accountId);
        account.MakerFeeRate = makerFeeRate;
        account.TakerFeeRate = takerFeeRate;
        account.UpdatedAt = time;
        return ToView(account);
    }

    /// <summary>Every event since the last drain, in order (sequence numbers keep counting across drains).</summary>
    public IReadOnlyList<ExchangeEvent> DrainEvents() => _events.Drain();

    private void AddMarket(MarketConfig config, Timestamp time)
    {
        if (config.Problem() is { } problem) throw new ArgumentException(problem, nameof(config));
        if (_markets.ContainsKey(config.Market)) throw new ArgumentException($"market {config.Market} is already listed", nameof(config));
        var market = new SandboxMarket(config, time, _options.PublicTradesKept);
        _markets.Add(market.Name, market);
        _marketList.Add(market);
    }

    /// <summary>Moves the exchange clock forward (never back) and returns the time this call acts at.</summary>
    private Timestamp Tick(Timestamp now)
    {
        if (now > _clock) _clock = now;
        return _clock;
    }

    private SandboxMarket MarketOf(string name) => _markets[name];

    private void Flush(Timestamp time) => _events.Flush(time, MarketOf);

    private static bool IsEthereumAddress(string? address) =>
        address is { Length: 42 } && address.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && address.AsSpan(2).ContainsAnyExcept(HexDigits) == false;

    private static bool IsStarkKey(string? key)
    {
        if (string.IsNullOrEmpty(key)) return false;
        var digits = key.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? key.AsSpan(2) : key.AsSpan();
        return digits.Length is > 0 and <= 64 && !digits.ContainsAnyExcept(HexDigits);
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
