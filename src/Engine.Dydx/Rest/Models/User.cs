using System.Text.Json;

namespace Engine.Dydx.Rest.Models;

/// <summary>GET /v3/users: the account owner's fee tier (makerFeeRate/takerFeeRate) and 30-day volumes.</summary>
public sealed record User
{
    public required string EthereumAddress { get; init; }
    public bool? IsRegistered { get; init; }
    public string? Email { get; init; }
    public string? Username { get; init; }
    public JsonElement? UserData { get; init; }
    public required decimal MakerFeeRate { get; init; }
    public required decimal TakerFeeRate { get; init; }
    public decimal? MakerVolume30D { get; init; }
    public decimal? TakerVolume30D { get; init; }
    public decimal? Fees30D { get; init; }
    public string? ReferredByAffiliateLink { get; init; }
    public bool? IsSharingUsername { get; init; }
    public bool? IsSharingAddress { get; init; }
    public decimal? DydxTokenBalance { get; init; }
    public decimal? StakedDydxTokenBalance { get; init; }
    public bool? IsEmailVerified { get; init; }
    public string? Country { get; init; }
    public string? LanguageCode { get; init; }
}

public sealed record UserResponse
{
    public required User User { get; init; }
}
