/**
 * Shapes of LinkedIn's responses, with only the fields Relink reads.
 */
import * as z from 'zod'

export const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.number().optional(),
  scope: z.string().optional(),
})

export const introspectionSchema = z.object({
  active: z.boolean(),
  status: z.string().optional(),
  expires_at: z.number().optional(),
  scope: z.string().optional(),
})

/** A still image's renditions as `displayImage~:playableStreams` decorates them (100 to 800 px). */
const playableStreamsSchema = z.object({
  elements: z.array(
    z.object({
      data: z
        .object({ 'com.linkedin.digitalmedia.mediaartifact.StillImage': z.object({ displaySize: z.object({ width: z.number() }) }).optional() })
        .optional(),
      identifiers: z.array(z.object({ identifier: z.string() })),
    }),
  ),
})

export const meSchema = z.object({
  id: z.string().min(1),
  localizedFirstName: z.string().optional(),
  localizedLastName: z.string().optional(),
  vanityName: z.string().optional(),
  profilePicture: z.object({ 'displayImage~': playableStreamsSchema.optional() }).optional().catch(undefined),
})

export const imagesSchema = z.object({ results: z.record(z.string(), z.object({ downloadUrl: z.string().optional() })) })

const pagingSchema = z.object({ start: z.number().optional(), count: z.number().optional(), total: z.number().optional() }).optional()

export const aclsSchema = z.object({
  paging: pagingSchema,
  elements: z.array(
    z.object({
      // Versioned responses name the organisation `organization`; older ones `organizationalTarget`.
      organization: z.string().optional(),
      organizationalTarget: z.string().optional(),
      role: z.string(),
      state: z.string().optional(),
    }),
  ),
})

export const batchSchema = <T extends z.ZodType>(item: T) => z.object({ results: z.record(z.string(), item).default({}) })

export const organizationSchema = z.object({
  localizedName: z.string().optional(),
  vanityName: z.string().optional(),
  /** Image URNs (`urn:li:image:…`) of the page's logo, resolved through the Images API. */
  logoV2: z.object({ original: z.string().optional(), cropped: z.string().optional() }).optional().catch(undefined),
})
export const personSchema = z.object({
  localizedFirstName: z.string().optional(),
  localizedLastName: z.string().optional(),
  vanityName: z.string().optional(),
})

export const initializeUploadSchema = z.object({ value: z.object({ uploadUrl: z.string().url(), image: z.string().min(1) }) })

export const postsSchema = z.object({
  paging: pagingSchema,
  elements: z.array(
    z.object({
      id: z.string(),
      commentary: z.string().optional(),
      createdAt: z.number().optional(),
      publishedAt: z.number().optional(),
      lastModifiedAt: z.number().optional(),
      lifecycleState: z.string().optional(),
      content: z
        .object({ media: z.object({ id: z.string().optional() }).optional(), article: z.object({ source: z.string().optional() }).optional() })
        .optional(),
      lifecycleStateInfo: z.object({ isEditedByAuthor: z.boolean().optional() }).optional(),
    }),
  ),
})

export const commentSchema = z.object({
  id: z.string().optional(),
  commentUrn: z.string().optional(),
  $URN: z.string().optional(),
  actor: z.string().optional(),
  created: z.object({ time: z.number() }).optional(),
  message: z.object({ text: z.string().optional() }).optional(),
  parentComment: z.string().optional(),
  commentsSummary: z
    .object({ aggregatedTotalComments: z.number().optional(), totalFirstLevelComments: z.number().optional() })
    .optional(),
})
export type LinkedInComment = z.output<typeof commentSchema>

export const commentsSchema = z.object({ paging: pagingSchema, elements: z.array(commentSchema) })

export const shareStatisticsSchema = z.object({
  elements: z.array(
    z.object({
      timeRange: z.object({ start: z.number(), end: z.number() }).optional(),
      totalShareStatistics: z.record(z.string(), z.number()).optional(),
    }),
  ),
})

export const followerStatisticsSchema = z.object({
  elements: z.array(
    z.object({
      timeRange: z.object({ start: z.number(), end: z.number() }).optional(),
      followerGains: z.record(z.string(), z.number()).optional(),
    }),
  ),
})
