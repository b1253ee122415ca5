using Engine.Dydx.Resilience;

namespace Engine.Dydx.Rest;

/// <summary>
/// Configuration of <see cref="DydxRestClient"/>. Only <see cref="BaseUri"/> differs between the real host
/// (https://api.dydx.exchange) and the local sandbox (http://127.0.0.1:PORT): every path keeps its /v3/ prefix.
/// </summary>
public sealed record DydxRestOptions
{
    /// <summary>Scheme, host and port only: the signed request path is the URL's whole path, so a base path is refused.</summary>
    public required Uri BaseUri { get; init; }

    /// <summary>Per attempt, from sending to the last byte of the answer.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts of a retryable request (GETs and cancels) in all; POST /v3/orders is always sent once.</summary>
    public int MaxAttempts { get; init; } = 4;

    public BackoffPolicy Backoff { get; init; } = BackoffPolicy.RestDefault;

    /// <summary>A 429 asking to wait longer than this is reported to the caller instead of waited out.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>v3 documents Retry-After in milliseconds; set Seconds for a server that follows plain HTTP.</summary>
    public RetryAfterUnit RetryAfterUnit { get; init; } = RetryAfterUnit.Milliseconds;

    /// <summary>Private requests re-measure the clock offset (GET /v3/time) when the last sample is older than this.</summary>
    public TimeSpan ClockSyncInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Sent as DYDX-ACCOUNT-NUMBER when set; the exchange's default is account 0.</summary>
    public int? AccountNumber { get; init; }

    public void Validate()
    {
        if (!BaseUri.IsAbsoluteUri || (BaseUri.Scheme != Uri.UriSchemeHttp && BaseUri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"dYdX base URL '{BaseUri}' must be an absolute http(s) URL");
        if (BaseUri.AbsolutePath != "/" || BaseUri.Query.Length > 0)
            throw new ArgumentException($"dYdX base URL '{BaseUri}' must not have a path or query: request paths start at /v3/");
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentException("request timeout must be positive");
        if (MaxAttempts < 1) throw new ArgumentException("max attempts must be at least 1");
        if (MaxRetryAfter < TimeSpan.Zero) throw new ArgumentException("max retry-after cannot be negative");
        if (ClockSyncInterval <= TimeSpan.Zero) throw new ArgumentException("clock sync interval must be positive");
        if (AccountNumber is < 0) throw new ArgumentException("account number cannot be negative");
        Backoff.Validate("dYdX REST");
    }
}
