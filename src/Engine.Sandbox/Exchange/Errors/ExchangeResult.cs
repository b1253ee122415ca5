using System.Diagnostics.CodeAnalysis;

namespace Engine.Sandbox.Exchange.Errors;

/// <summary>Either a value (the 2xx body) or an <see cref="ExchangeError"/> (the non-2xx body).</summary>
public sealed class ExchangeResult<T> where T : class
{
    private ExchangeResult(T? value, ExchangeError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public ExchangeError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static ExchangeResult<T> Ok(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);
    public static ExchangeResult<T> Fail(ExchangeError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    public static implicit operator ExchangeResult<T>(ExchangeError error) => Fail(error);

    /// <summary>Concrete values convert implicitly; list results (interface-typed) use <see cref="Ok"/>.</summary>
    public static implicit operator ExchangeResult<T>(T value) => Ok(value);

    /// <summary>The value, or an exception naming the error (for callers that have already validated).</summary>
    public T Unwrap() => IsSuccess ? Value : throw new InvalidOperationException($"exchange call failed: {Error}");

    public override string ToString() => IsSuccess ? $"Ok({Value})" : $"Fail({Error})";
}
