using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Engine.Stark.Orders;

namespace Engine.Stark.Cli;

/// <summary>
/// The signing core of `engine dydx sign-order`: one JSON order per input line (see <see cref="OrderLineParser"/>)
/// to one output line, {"hash":"…64 hex…","signature":"…128 hex…"} or {"error":"…"}. Batches are signed in
/// parallel and returned in input order, so line i of the output always answers line i of the input.
/// </summary>
public static class SignOrderLines
{
    public static string SignLine(string line, StarkOrderSigner? signer = null)
    {
        var output = new ArrayBufferWriter<byte>(256);
        SignLine(Encoding.UTF8.GetBytes(line), output, signer);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>Writes the result object (no newline) for one UTF-8 line.</summary>
    public static void SignLine(ReadOnlySpan<byte> utf8Line, IBufferWriter<byte> output, StarkOrderSigner? signer = null)
    {
        if (utf8Line.StartsWith("\uFEFF"u8)) utf8Line = utf8Line[3..]; // a byte-order mark on the first line of a file
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        if (utf8Line.Trim(" \t\r"u8).IsEmpty)
        {
            writer.WriteString("error"u8, "empty line");
        }
        else if (!OrderLineParser.TryParse(utf8Line, out var order, out var key, out var error)
                 || !(signer ?? StarkOrderSigner.Default).TrySign(order, key, out var signed, out error))
        {
            writer.WriteString("error"u8, error);
        }
        else
        {
            Span<byte> hex = stackalloc byte[128];
            signed.Hash.FormatHex(hex[..64]);
            writer.WriteString("hash"u8, hex[..64]);
            signed.Signature.R.FormatHex(hex[..64]);
            signed.Signature.S.FormatHex(hex[64..]);
            writer.WriteString("signature"u8, hex);
        }
        writer.WriteEndObject();
    }

    /// <summary>Signs every line on up to <paramref name="maxDegreeOfParallelism"/> cores (−1: all); results in input order.</summary>
    public static string[] SignAll(IReadOnlyList<string> lines, int maxDegreeOfParallelism = -1, StarkOrderSigner? signer = null)
    {
        var results = new string[lines.Count];
        if (results.Length == 0) return results;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        // Contiguous ranges keep scheduling overhead negligible next to ~50 µs per signature.
        Parallel.ForEach(Partitioner.Create(0, lines.Count, Math.Max(16, lines.Count / (4 * Environment.ProcessorCount) + 1)), options, range =>
        {
            for (int i = range.Item1; i < range.Item2; i++) results[i] = SignLine(lines[i], signer);
        });
        return results;
    }

    /// <summary>
    /// Streams lines from <paramref name="input"/> to <paramref name="output"/> in batches, signing each batch in
    /// parallel; output order equals input order. Returns the number of lines that produced an error.
    /// </summary>
    public static int SignStream(TextReader input, TextWriter output, int maxDegreeOfParallelism = -1, int batchLines = 4096, StarkOrderSigner? signer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchLines, 1);
        int errors = 0;
        var batch = new List<string>(batchLines);
        while (true)
        {
            batch.Clear();
            for (string? line; batch.Count < batchLines && (line = input.ReadLine()) is not null;) batch.Add(line);
            if (batch.Count == 0) break;
            foreach (var result in SignAll(batch, maxDegreeOfParallelism, signer))
            {
                if (result.StartsWith("{\"error\"", StringComparison.Ordinal)) errors++;
                output.Write(result);
                output.Write('\n');
            }
        }
        output.Flush();
        return errors;
    }
}
