import { firstValueFrom, timeout } from 'rxjs';
import type { BackendRegistry } from './backend-registry.js';

export interface CatalogModel {
  /** `backend:model`. */
  readonly id: string;
  readonly backend: string;
  readonly model: string;
}

export interface CatalogWarning {
  readonly backend: string;
  readonly message: string;
}

/**
 * The union of the configured backends' models, prefixed `backend:model` and cached per backend.
 * A backend that fails to answer is skipped (reported through `onWarning`) and asked again on the
 * next listing rather than cached as empty.
 */
export class ModelCatalog {
  private readonly cache = new Map<string, { readonly models: readonly string[]; readonly expires: number }>();

  constructor(
    private readonly registry: BackendRegistry,
    private readonly options: { readonly ttlMs: number; readonly now: () => number; readonly onWarning: (warning: CatalogWarning) => void },
  ) {}

  async list(): Promise<CatalogModel[]> {
    const lists = await Promise.all(this.registry.ids().map(async (backend) => ({ backend, models: await this.modelsOf(backend) })));
    return lists.flatMap(({ backend, models }) => models.map((model) => ({ id: `${backend}:${model}`, backend, model })));
  }

  private async modelsOf(id: string): Promise<readonly string[]> {
    const registered = this.registry.get(id);
    if (registered === undefined) return [];
    if (registered.config.models !== undefined) return registered.config.models;
    const cached = this.cache.get(id);
    if (cached !== undefined && cached.expires > this.options.now()) return cached.models;
    try {
      const models = await firstValueFrom(
        registered.connector
          .listModels(registered.config, registered.config.keys[0], { dispatcher: registered.agent })
          .pipe(timeout({ first: 10_000 })),
      );
      this.cache.set(id, { models, expires: this.options.now() + this.options.ttlMs });
      return models;
    } catch (error) {
      this.options.onWarning({ backend: id, message: error instanceof Error ? error.message : String(error) });
      return [];
    }
  }
}
