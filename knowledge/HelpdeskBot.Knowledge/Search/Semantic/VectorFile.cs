using System.Security.Cryptography;
using System.Text;

namespace HelpdeskBot.Knowledge.Search.Semantic;

/// <summary>
/// A small file of vectors by the text they were computed from, so that texts embedded once (a router's example
/// messages) are not embedded again at every start: the model's name and the dimensions, then each text's hash and
/// vector. A missing, damaged or other model's file reads as empty; the caller embeds and writes it again.
/// </summary>
public static class VectorFile
{
    private const string Magic = "helpdesk-vectors-1";

    /// <summary>The key a text's vector is kept under: its SHA-256, in hex.</summary>
    public static string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The vectors the file holds for <paramref name="model"/>, by <see cref="Key"/>; empty when there are none.</summary>
    public static Dictionary<string, float[]> Read(string path, string model, int dimensions)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return vectors;
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadString() != model || reader.ReadInt32() != dimensions)
            {
                return vectors;
            }

            var count = reader.ReadInt32();
            for (var n = 0; n < count; n++)
            {
                var key = reader.ReadString();
                var vector = new float[dimensions];
                for (var i = 0; i < dimensions; i++) vector[i] = reader.ReadSingle();
                vectors[key] = vector;
            }

            return vectors;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new Dictionary<string, float[]>(StringComparer.Ordinal); // cut short or unreadable: embedded again
        }
    }

    /// <summary>Writes the vectors (to a temporary file first, so a reader never sees half of it).</summary>
    public static void Write(string path, string model, int dimensions, IReadOnlyDictionary<string, float[]> vectors)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(model);
            writer.Write(dimensions);
            writer.Write(vectors.Count);
            foreach (var (key, vector) in vectors)
            {
                writer.Write(key);
                foreach (var value in vector) writer.Write(value);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }
}
